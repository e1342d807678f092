import Foundation
import GRDB
import TownhallDomain
import TownhallMarkdown

extension PerformancePlan: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "performancePlan"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PlanPriority: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "planPriority"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PlanMeasure: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "planMeasure"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension MeasurePoint: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "measurePoint"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What an import stored: results and targets written (new or changed), for the command's one line.
public struct PerformanceImportResult: Sendable, Equatable {
    public var results: Int
    public var targets: Int
}

extension AppDatabase {
    /// Adds a plan to a body; its slug names it in links and commands.
    @discardableResult
    public func addPerformancePlan(body bodySlug: String, slug: String, title: String, summary: String = "", paperId: Int64? = nil,
                                   actor: Actor) throws -> PerformancePlan {
        let slug = try Slug.validate(slug, what: "plan")
        if let problem = TextLimits.lineProblem(title, what: "the plan's title") ?? TextLimits.noteProblem(summary, what: "the summary") {
            throw TownhallError.invalid(problem)
        }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        return try writer.write { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            if try PerformancePlan.filter(Column("slug") == slug).fetchCount(db) > 0 { throw TownhallError.conflict("there is already a plan \(slug)") }
            if let paperId {
                guard let paper = try Paper.fetchOne(db, key: paperId) else { throw TownhallError.notFound("no paper with id \(paperId)") }
                guard paper.kind == .strategicPlan else { throw TownhallError.invalid("paper \(paperId) is not a strategic plan") }
                guard try Self.bodyId(ofPaper: paperId, db) == body.id else { throw TownhallError.invalid("paper \(paperId) is another body's") }
            }
            var plan = PerformancePlan(bodyId: body.id!, slug: slug, title: title, paperId: paperId, summary: summary.trimmingCharacters(in: .whitespacesAndNewlines))
            try plan.insert(db)
            try db.audit(actor, .add, .performancePlan, plan.id, title, at: clock())
            return plan
        }
    }

    /// Adds a priority at the end of a plan's list.
    @discardableResult
    public func addPlanPriority(plan planSlug: String, title: String, actor: Actor) throws -> PlanPriority {
        if let problem = TextLimits.lineProblem(title, what: "the priority") { throw TownhallError.invalid(problem) }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        return try writer.write { db in
            let plan = try Self.find(PerformancePlan.self, slug: planSlug, what: "plan", db)
            if try Self.priority(db, planId: plan.id!, title: title) != nil { throw TownhallError.conflict("the plan already has the priority \"\(title)\"") }
            let last = try Int.fetchOne(db, sql: "SELECT MAX(position) FROM planPriority WHERE planId = ?", arguments: [plan.id]) ?? 0
            var priority = PlanPriority(planId: plan.id!, position: last + 1, title: title)
            try priority.insert(db)
            try db.audit(actor, .add, .performancePlan, plan.id, "priority \(title)", at: clock())
            return priority
        }
    }

    /// Adds a measure to a priority (named by its title), with its unit, direction and baseline.
    @discardableResult
    public func addPlanMeasure(
        plan planSlug: String, priority priorityTitle: String, name: String, unit: String, direction: MeasureDirection, baseline: Double,
        baselinePeriod: String, actor: Actor
    ) throws -> PlanMeasure {
        if let problem = TextLimits.lineProblem(name, what: "the measure") ?? TextLimits.unitProblem(unit) { throw TownhallError.invalid(problem) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard baseline.isFinite else { throw TownhallError.invalid("the baseline must be a number") }
        guard let period = ReportingPeriod(baselinePeriod) else {
            throw TownhallError.invalid("\"\(baselinePeriod)\" is not a period: use \(ReportingPeriod.formatHint)")
        }
        return try writer.write { db in
            let plan = try Self.find(PerformancePlan.self, slug: planSlug, what: "plan", db)
            guard let priority = try Self.priority(db, planId: plan.id!, title: priorityTitle) else {
                throw TownhallError.notFound("the plan \(planSlug) has no priority \"\(priorityTitle)\"")
            }
            if try Self.measure(db, priorityId: priority.id!, name: name) != nil { throw TownhallError.conflict("that priority already has the measure \"\(name)\"") }
            let last = try Int.fetchOne(db, sql: "SELECT MAX(position) FROM planMeasure WHERE priorityId = ?", arguments: [priority.id]) ?? 0
            var measure = PlanMeasure(
                priorityId: priority.id!, position: last + 1, name: name, unit: unit.trimmingCharacters(in: .whitespaces), direction: direction,
                baseline: baseline, baselinePeriod: period.description)
            try measure.insert(db)
            try db.audit(actor, .add, .performancePlan, plan.id, "measure \(name)", at: clock())
            return measure
        }
    }

    /// Imports a performance table (`PerformanceImport`) into a plan: every row's priority and measure must be the
    /// plan's (matched by name, ignoring case), or nothing is stored. Results and targets replace those of the same
    /// period; results name `paperId` when they came from a published report.
    @discardableResult
    public func importPerformance(plan planSlug: String, csv text: String, paperId: Int64? = nil, actor: Actor) throws -> PerformanceImportResult {
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch { throw TownhallError.invalid(error.message) }
        let rows: [PerformanceImport.Row]
        do { rows = try PerformanceImport.rows(header: table.header, cells: table.rows, lines: table.rowLines) } catch {
            throw TownhallError.invalid(error.description)
        }
        return try writer.write { db in try Self.store(db, rows, plan: planSlug, paperId: paperId, actor: actor, at: clock()) }
    }

    /// Imports every `csv` table of the performance shape from a published paper, naming the paper on each result.
    @discardableResult
    public func importPerformance(plan planSlug: String, fromPaper paperId: Int64, actor: Actor) throws -> PerformanceImportResult {
        try writer.write { db in
            guard let paper = try Paper.fetchOne(db, key: paperId) else { throw TownhallError.notFound("no paper with id \(paperId)") }
            // Only what the public may read: numbers from an exempt or unpublished report would be published here.
            guard try Self.publicPaper(db, id: paperId) != nil else {
                throw TownhallError.invalid("paper \(paperId) is not public (published, on a public item of a published agenda); import from a public report")
            }
            var rows: [PerformanceImport.Row] = []
            for block in PerformanceImport.csvBlocks(paper.markdown) {
                guard let table = try? CSVTable.parse(block.text),
                      Set(PerformanceImport.required).isSubset(of: table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
                else { continue }
                do {
                    let found = try PerformanceImport.rows(header: table.header, cells: table.rows, lines: table.rowLines.map { $0 + block.firstLine - 1 })
                    rows += found
                } catch let problem as PerformanceImport.Problem {
                    throw TownhallError.invalid("in paper \(paperId), \(problem.description)")
                }
            }
            guard !rows.isEmpty else {
                throw TownhallError.invalid("paper \(paperId) has no csv table with the columns \(PerformanceImport.required.joined(separator: ", "))")
            }
            return try Self.store(db, rows, plan: planSlug, paperId: paperId, actor: actor, at: clock())
        }
    }

    /// A clerk's one result or target from the form.
    @discardableResult
    public func recordMeasurePoint(measureId: Int64, kind: MeasurePoint.Kind, period text: String, value: Double, actor: Actor) throws -> MeasurePoint {
        guard let period = ReportingPeriod(text) else { throw TownhallError.invalid("\"\(text)\" is not a period: use \(ReportingPeriod.formatHint)") }
        guard value.isFinite else { throw TownhallError.invalid("the value must be a number") }
        return try writer.write { db in
            guard let measure = try PlanMeasure.fetchOne(db, key: measureId) else { throw TownhallError.notFound("no measure with id \(measureId)") }
            let point = try Self.upsert(db, MeasurePoint(measureId: measureId, kind: kind, period: period.description, value: value))
            let planId = try Int64.fetchOne(db, sql: "SELECT planId FROM planPriority WHERE id = ?", arguments: [measure.priorityId])
            try db.audit(actor, .record, .performancePlan, planId, "\(measure.name) \(kind.rawValue) \(period) = \(MeasureNumber.format(value))", at: clock())
            return point
        }
    }

    private static func store(
        _ db: Database, _ rows: [PerformanceImport.Row], plan planSlug: String, paperId: Int64?, actor: Actor, at now: Date
    ) throws -> PerformanceImportResult {
        let plan = try find(PerformancePlan.self, slug: planSlug, what: "plan", db)
        var result = PerformanceImportResult(results: 0, targets: 0)
        for row in rows {
            guard let priority = try priority(db, planId: plan.id!, title: row.priority) else {
                throw TownhallError.invalid("line \(row.line), column priority: the plan \(planSlug) has no priority \"\(row.priority)\"")
            }
            guard let measure = try measure(db, priorityId: priority.id!, name: row.measure) else {
                throw TownhallError.invalid("line \(row.line), column measure: the priority \"\(priority.title)\" has no measure \"\(row.measure)\"")
            }
            if let value = row.value {
                _ = try upsert(db, MeasurePoint(measureId: measure.id!, kind: .result, period: row.period.description, value: value, paperId: paperId))
                result.results += 1
            }
            if let target = row.target {
                _ = try upsert(db, MeasurePoint(measureId: measure.id!, kind: .target, period: row.period.description, value: target))
                result.targets += 1
            }
        }
        try db.audit(actor, .record, .performancePlan, plan.id,
                     "imported \(result.results) results and \(result.targets) targets" + (paperId.map { " from paper \($0)" } ?? ""), at: now)
        return result
    }

    private static func upsert(_ db: Database, _ point: MeasurePoint) throws -> MeasurePoint {
        var point = point
        if let existing = try MeasurePoint.filter(Column("measureId") == point.measureId && Column("kind") == point.kind.rawValue && Column("period") == point.period)
            .fetchOne(db) {
            point.id = existing.id
            try point.update(db)
        } else {
            try point.insert(db)
        }
        return point
    }

    static func priority(_ db: Database, planId: Int64, title: String) throws -> PlanPriority? {
        try PlanPriority.fetchOne(db, sql: "SELECT * FROM planPriority WHERE planId = ? AND title = ? COLLATE NOCASE",
                                  arguments: [planId, title.trimmingCharacters(in: .whitespaces)])
    }

    static func measure(_ db: Database, priorityId: Int64, name: String) throws -> PlanMeasure? {
        try PlanMeasure.fetchOne(db, sql: "SELECT * FROM planMeasure WHERE priorityId = ? AND name = ? COLLATE NOCASE",
                                 arguments: [priorityId, name.trimmingCharacters(in: .whitespaces)])
    }
}
