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
        /// An inquiry's slug or a recommendation's id, for the link.
        public var inquirySlug: String?
        public var recommendationId: Int64?
    }

    public var line: SpendingLine
    public var organisation: Organisation
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
            guard body.kind == .lpac else { throw TownhallError.invalid("spending is kept for a Local Public Accounts Committee's place; \(body.name) is not one") }
            for row in rows {
                guard let organisation = try Organisation.fetchOne(db, sql: "SELECT * FROM organisation WHERE slug = ? OR name = ? COLLATE NOCASE",
                                                                   arguments: [row.organisation, row.organisation]) else {
                    throw TownhallError.invalid("line \(row.line), column organisation: there is no organisation \"\(row.organisation)\"; add it first with townhall organisation add")
                }
                if var existing = try SpendingLine.fetchOne(db, sql: """
                    SELECT * FROM spendingLine WHERE bodyId = ? AND organisationId = ? AND service = ? COLLATE NOCASE AND year = ?
                    """, arguments: [body.id, organisation.id, row.service, row.year]) {
                    existing.amountPence = row.amount.pence
                    try existing.update(db)
                } else {
                    var line = SpendingLine(bodyId: body.id!, organisationId: organisation.id!, service: row.service, year: row.year, amountPence: row.amount.pence)
                    try line.insert(db)
                }
            }
            try db.audit(actor, .record, .spending, body.id, "imported \(rows.count) spending lines", at: clock())
            return rows.count
        }
    }

    /// Cites a spending line from an inquiry of the same LPAC, or from one of its issued recommendations.
    @discardableResult
    public func citeSpending(lineId: Int64, inquiry inquirySlug: String? = nil, recommendationId: Int64? = nil, actor: Actor) throws -> SpendingCitation {
        guard (inquirySlug == nil) != (recommendationId == nil) else { throw TownhallError.invalid("cite from either an inquiry or a recommendation") }
        return try writer.write { db in
            guard let line = try SpendingLine.fetchOne(db, key: lineId) else { throw TownhallError.notFound("no spending line with id \(lineId)") }
            var citation = SpendingCitation(spendingLineId: lineId)
            if let inquirySlug {
                let inquiry = try Self.find(Inquiry.self, slug: inquirySlug, what: "inquiry", db)
                guard inquiry.bodyId == line.bodyId else { throw TownhallError.invalid("that inquiry is another committee's; cite its own place's spending") }
                citation.inquiryId = inquiry.id
            } else if let recommendationId {
                guard let recommendation = try Recommendation.fetchOne(db, key: recommendationId) else {
                    throw TownhallError.notFound("no recommendation with id \(recommendationId)")
                }
                guard recommendation.bodyId == line.bodyId else { throw TownhallError.invalid("that recommendation is another body's") }
                guard recommendation.status != .draft else { throw TownhallError.invalid("a draft recommendation is not public; issue it first") }
                citation.recommendationId = recommendationId
            }
            if try SpendingCitation.filter(Column("spendingLineId") == lineId && Column("inquiryId") == citation.inquiryId
                                           && Column("recommendationId") == citation.recommendationId).fetchCount(db) > 0 {
                throw TownhallError.conflict("it already cites that line")
            }
            try citation.insert(db)
            try db.audit(actor, .add, .spending, line.bodyId, "citation of line \(lineId)", at: clock())
            return citation
        }
    }

    /// Every spending line of an LPAC (or of every LPAC), with organisations and public citations.
    public func spendingEntries(bodyId: Int64?) async throws -> [SpendingEntry] {
        try await writer.read { db in
            try Self.spendingEntries(db, where: bodyId == nil ? "1" : "l.bodyId = ?", arguments: bodyId.map { [$0] } ?? [])
        }
    }

    /// The spending lines an inquiry cites, for its page.
    public func spendingCited(inquiryId: Int64) async throws -> [SpendingEntry] {
        try await writer.read { db in
            try Self.spendingEntries(db, where: "l.id IN (SELECT spendingLineId FROM spendingCitation WHERE inquiryId = ?)", arguments: [inquiryId])
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
        return lines.compactMap { line in
            organisations[line.organisationId].map { SpendingEntry(line: line, organisation: $0, citedBy: citers[line.id!] ?? []) }
        }
    }
}
