import Foundation
import GRDB
import TownhallDomain
import TownhallMarkdown

extension SpendingLine: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "spendingLine"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SpendingCitation: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "spendingCitation"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A spending line as pages show it: with its organisation, and what cites it.
public struct SpendingEntry: Sendable {
    public struct Citer: Sendable {
        public var title: String
        /// An inquiry's slug, a recommendation's id or a paper's id, for the link.
        public var inquirySlug: String?
        public var recommendationId: Int64?
        public var paperId: Int64?
    }

    public var line: SpendingLine
    public var organisation: Organisation
    /// The LPAC whose place it is, for the link to its spending page.
    public var bodySlug: String
    public var citedBy: [Citer]
}

extension AppDatabase {
    /// Imports a spending file (`SpendingImport`) into an LPAC's place: each organisation is matched by slug or name,
    /// and a line for the same organisation, service and year replaces the one there. All or nothing.
    @discardableResult
    public func importSpending(body bodySlug: String, csv text: String, actor: Actor) throws -> Int {
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch { throw TownhallError.invalid(error.message) }
        let rows: [SpendingImport.Row]
        do { rows = try SpendingImport.rows(header: table.header, cells: table.rows, lines: table.rowLines) } catch {
            throw TownhallError.invalid(error.description)
        }
        return try writer.write { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            guard body.kind.followsTheMoney else { throw TownhallError.invalid("spending is kept for a Local Public Accounts Committee's place; \(body.name) is not one") }
            // Organisations and the place's lines are read once, so an import is one pass over its rows.
            // A slug wins over another organisation's name that happens to read the same.
            let all = try Organisation.fetchAll(db)
            var organisations = Dictionary(all.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            for organisation in all { organisations[organisation.slug] = organisation }
            func key(_ organisationId: Int64, _ service: String, _ year: String) -> String { "\(organisationId)|\(service.lowercased())|\(year)" }
            var existing: [String: SpendingLine] = [:]
            for line in try SpendingLine.filter(Column("bodyId") == body.id!).fetchAll(db) {
                existing[key(line.organisationId, line.service, line.year)] = line
            }
            var perYear = Dictionary(grouping: existing.values, by: \.year).mapValues(\.count)
            for row in rows {
                guard let organisation = organisations[row.organisation.lowercased()] else {
                    throw TownhallError.invalid("line \(row.line), column organisation: there is no organisation \"\(row.organisation)\"; add it first with townhall organisation add")
                }
                if var line = existing[key(organisation.id!, row.service, row.year)] {
                    line.amountPence = row.amount.pence
                    try line.update(db)
                } else {
                    perYear[row.year, default: 0] += 1
                    if let problem = SpendingImport.yearProblem(row.year, count: perYear[row.year]!) { throw TownhallError.invalid(problem) }
                    var line = SpendingLine(bodyId: body.id!, organisationId: organisation.id!, service: row.service, year: row.year, amountPence: row.amount.pence)
                    try line.insert(db)
                    existing[key(organisation.id!, row.service, row.year)] = line
                }
            }
            try db.audit(actor, .record, .spending, body.id, "imported \(rows.count) spending lines", at: clock())
            return rows.count
        }
    }

    /// Cites a spending line from an inquiry of the same LPAC, one of its issued recommendations, or a paper of
    /// written evidence to one of its meetings. A citation is public when what cites is.
    @discardableResult
    public func citeSpending(lineId: Int64, by citer: SpendingCitation.Citer, actor: Actor) throws -> SpendingCitation {
        try writer.write { db in
            guard let line = try SpendingLine.fetchOne(db, key: lineId) else { throw TownhallError.notFound("no spending line with id \(lineId)") }
            var citation = SpendingCitation(spendingLineId: lineId)
            switch citer {
            case .inquiry(let slug):
                let inquiry = try Self.find(Inquiry.self, slug: slug, what: "inquiry", db)
                guard inquiry.bodyId == line.bodyId else { throw TownhallError.invalid("that inquiry is another committee's; cite its own place's spending") }
                citation.inquiryId = inquiry.id
            case .recommendation(let id):
                guard let recommendation = try Recommendation.fetchOne(db, key: id) else { throw TownhallError.notFound("no recommendation with id \(id)") }
                guard recommendation.bodyId == line.bodyId else { throw TownhallError.invalid("that recommendation is another body's") }
                guard recommendation.status != .draft else { throw TownhallError.invalid("a draft recommendation is not public; issue it first") }
                citation.recommendationId = id
            case .paper(let id):
                guard let paper = try Paper.fetchOne(db, key: id) else { throw TownhallError.notFound("no paper with id \(id)") }
                guard paper.kind.citesSpending else { throw TownhallError.invalid("only written evidence cites spending; paper \(id) is a \(paper.kind.label.lowercased())") }
                guard try Self.bodyId(ofPaper: id, db) == line.bodyId else { throw TownhallError.invalid("that paper is another body's") }
                citation.paperId = id
            }
            if try SpendingCitation.filter(Column("spendingLineId") == lineId && Column("inquiryId") == citation.inquiryId
                                           && Column("recommendationId") == citation.recommendationId && Column("paperId") == citation.paperId).fetchCount(db) > 0 {
                throw TownhallError.conflict("it already cites that line")
            }
            try citation.insert(db)
            try db.audit(actor, .add, .spending, line.bodyId, "citation of line \(lineId)", at: clock())
            return citation
        }
    }

    /// Every spending line of every LPAC, with organisations and public citations (the open data download).
    public func spendingEntries() async throws -> [SpendingEntry] {
        try await writer.read { db in try Self.spendingEntries(db, where: "1", arguments: []) }
    }

    /// One year of an LPAC's lines (at most `SpendingImport.maxLinesPerYear`), with organisations and citations.
    public func spendingEntries(bodyId: Int64, year: String) async throws -> [SpendingEntry] {
        try await writer.read { db in try Self.spendingEntries(db, where: "l.bodyId = ? AND l.year = ?", arguments: [bodyId, year]) }
    }

    /// One of an LPAC's lines; nil if there is none with that id, or it is another place's.
    public func spendingLine(id: Int64, bodyId: Int64) async throws -> SpendingLine? {
        try await writer.read { db in try SpendingLine.filter(Column("id") == id && Column("bodyId") == bodyId).fetchOne(db) }
    }

    /// The years an LPAC has spending for, newest first.
    public func spendingYears(bodyId: Int64) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT year FROM spendingLine WHERE bodyId = ? ORDER BY year DESC", arguments: [bodyId])
        }
    }

    /// The spending lines an inquiry, a recommendation or a paper cites, for its page.
    public func spendingCited(by citer: SpendingCitation.Citer) async throws -> [SpendingEntry] {
        try await writer.read { db in
            let (column, key): (String, DatabaseValueConvertible) = switch citer {
            case .inquiry(let slug): ("inquiryId", try Self.find(Inquiry.self, slug: slug, what: "inquiry", db).id!)
            case .recommendation(let id): ("recommendationId", id)
            case .paper(let id): ("paperId", id)
            }
            return try Self.spendingEntries(db, where: "l.id IN (SELECT spendingLineId FROM spendingCitation WHERE \(column) = ?)", arguments: [key])
        }
    }

    /// The lines `condition` (over `spendingLine l`) selects, newest year first, with their organisations and what
    /// publicly cites them; only the citations of those lines are read.
    static func spendingEntries(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [SpendingEntry] {
        let lines = try SpendingLine.fetchAll(db, sql: """
            SELECT l.* FROM spendingLine l WHERE \(condition) ORDER BY l.year DESC, l.organisationId, l.service
            """, arguments: arguments)
        guard !lines.isEmpty else { return [] }
        let organisations = Dictionary(uniqueKeysWithValues: try Organisation.fetchAll(db, keys: Set(lines.map(\.organisationId))).map { ($0.id!, $0) })
        let bodySlugs = Dictionary(uniqueKeysWithValues: try Body.fetchAll(db, keys: Set(lines.map(\.bodyId))).map { ($0.id!, $0.slug) })
        let chosen = "c.spendingLineId IN (SELECT l.id FROM spendingLine l WHERE \(condition))"
        var citers: [Int64: [SpendingEntry.Citer]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.spendingLineId, q.slug, q.title FROM spendingCitation c JOIN inquiry q ON q.id = c.inquiryId WHERE \(chosen)
            """, arguments: arguments) {
            citers[row["spendingLineId"], default: []].append(.init(title: "Inquiry: \(row["title"] as String)", inquirySlug: row["slug"]))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT c.spendingLineId, r.id, r.number, p.title FROM spendingCitation c JOIN recommendation r ON r.id = c.recommendationId
            JOIN \(PublicSQL.paperJoins) WHERE p.id = r.paperId AND \(PublicSQL.recommendation) AND \(chosen)
            """, arguments: arguments) {
            citers[row["spendingLineId"], default: []].append(
                .init(title: "\(row["title"] as String), recommendation \(row["number"] as Int)", recommendationId: row["id"]))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT c.spendingLineId, p.id, p.title FROM spendingCitation c JOIN \(PublicSQL.paperJoins)
            WHERE p.id = c.paperId AND \(PublicSQL.anyRevision) AND \(chosen)
            """, arguments: arguments) {
            citers[row["spendingLineId"], default: []].append(.init(title: "Written evidence: \(row["title"] as String)", paperId: row["id"]))
        }
        return lines.compactMap { line in
            guard let organisation = organisations[line.organisationId], let bodySlug = bodySlugs[line.bodyId] else { return nil }
            return SpendingEntry(line: line, organisation: organisation, bodySlug: bodySlug, citedBy: citers[line.id!] ?? [])
        }
    }
}

/// Something of an LPAC that may cite its spending, as the clerk's form offers it.
public struct SpendingCiterChoice: Sendable, Equatable {
    public var citer: SpendingCitation.Citer
    public var label: String
}

extension AppDatabase {
    /// What of a committee may cite a line, for the clerk's choice: its inquiries, its issued recommendations, and
    /// its written evidence not withdrawn (a citation from a paper not yet public shows once the paper is).
    public func spendingCiterChoices(bodyId: Int64) async throws -> [SpendingCiterChoice] {
        try await writer.read { db in
            let inquiries = try Inquiry.filter(Column("bodyId") == bodyId).order(Column("title")).fetchAll(db)
                .map { SpendingCiterChoice(citer: .inquiry(slug: $0.slug), label: "Inquiry: \($0.title)") }
            let recommendations = try Row.fetchAll(db, sql: """
                SELECT r.id, r.number, p.title FROM recommendation r JOIN paper p ON p.id = r.paperId
                WHERE r.bodyId = ? AND r.status <> 'draft' ORDER BY p.title, r.number
                """, arguments: [bodyId]).map {
                SpendingCiterChoice(citer: .recommendation(id: $0["id"]), label: "\($0["title"] as String), recommendation \($0["number"] as Int)")
            }
            let kinds = PaperKind.allCases.filter(\.citesSpending).map(\.rawValue)
            let evidence = try Row.fetchAll(db, sql: """
                SELECT p.id, p.title FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId
                WHERE m.bodyId = ? AND p.kind IN (\(databaseQuestionMarks(count: kinds.count))) AND p.status IN ('draft', 'published')
                ORDER BY p.title
                """, arguments: StatementArguments([bodyId] as [DatabaseValueConvertible]) + StatementArguments(kinds)).map {
                SpendingCiterChoice(citer: .paper(id: $0["id"]), label: "Written evidence: \($0["title"] as String)")
            }
            return inquiries + recommendations + evidence
        }
    }
}
