import Foundation
import GRDB
import TownhallDomain

/// One plan as its public page shows it: priorities in order, each measure with its targets and results by period
/// (sorted in time) and the public papers the results came from.
public struct PlanDetail: Sendable {
    public struct Measure: Sendable {
        public var measure: PlanMeasure
        public var results: [MeasurePoint]
        public var targets: [MeasurePoint]
    }

    public struct Priority: Sendable {
        public var priority: PlanPriority
        public var measures: [Measure]
    }

    public var plan: PerformancePlan
    public var body: Body
    /// The paper that set the plan, when it is public.
    public var paper: PaperSummary?
    public var priorities: [Priority]
    /// The public papers results name, by id; a result whose paper is not public shows no link.
    public var sources: [Int64: PaperSummary]
}

/// One row of the performance download: a target or result of a measure, with everything needed to read it alone.
public struct PerformanceLine: Sendable {
    public var body: Body
    public var plan: PerformancePlan
    public var priority: PlanPriority
    public var measure: PlanMeasure
    public var point: MeasurePoint
    /// Set when the result's paper is public.
    public var paperId: Int64?
}

extension AppDatabase {
    public func planDetail(slug: String) async throws -> PlanDetail? {
        try await writer.read { db in
            guard let plan = try PerformancePlan.filter(Column("slug") == slug).fetchOne(db),
                  let body = try Body.fetchOne(db, key: plan.bodyId)
            else { return nil }
            let priorities = try PlanPriority.filter(Column("planId") == plan.id!).order(Column("position")).fetchAll(db)
            let measures = try PlanMeasure.fetchAll(db, sql: """
                SELECT m.* FROM planMeasure m JOIN planPriority p ON p.id = m.priorityId WHERE p.planId = ? ORDER BY m.position
                """, arguments: [plan.id])
            let points = try MeasurePoint.fetchAll(db, sql: """
                SELECT v.* FROM measurePoint v JOIN planMeasure m ON m.id = v.measureId JOIN planPriority p ON p.id = m.priorityId
                WHERE p.planId = ?
                """, arguments: [plan.id])
            let byMeasure = Dictionary(grouping: points, by: \.measureId)
            func sorted(_ points: [MeasurePoint]) -> [MeasurePoint] {
                points.sorted { ReportingPeriod.isBefore($0.period, $1.period) }
            }
            var sources: [Int64: PaperSummary] = [:]
            for paperId in Set(points.compactMap(\.paperId) + [plan.paperId].compactMap { $0 }) {
                if let paper = try Self.publicPaper(db, id: paperId) { sources[paperId] = paper }
            }
            return PlanDetail(
                plan: plan, body: body, paper: plan.paperId.flatMap { sources[$0] },
                priorities: priorities.map { priority in
                    PlanDetail.Priority(priority: priority, measures: measures.filter { $0.priorityId == priority.id }.map { measure in
                        let all = byMeasure[measure.id!] ?? []
                        return PlanDetail.Measure(
                            measure: measure, results: sorted(all.filter { $0.kind == .result }), targets: sorted(all.filter { $0.kind == .target }))
                    })
                },
                sources: sources)
        }
    }

    /// A body's plans, for its page.
    public func performancePlans(bodyId: Int64) async throws -> [PerformancePlan] {
        try await writer.read { db in try PerformancePlan.filter(Column("bodyId") == bodyId).order(Column("title")).fetchAll(db) }
    }

    /// A body's current public papers of one kind, newest first (its annual reports, for parents).
    public func publicPapers(bodyId: Int64, kind: PaperKind) async throws -> [PaperSummary] {
        try await writer.read { db in try Self.publicPapers(db, bodyId: bodyId, kind: kind) }
    }

    /// Every plan, for the CLI.
    public func performancePlans() throws -> [PerformancePlan] {
        try writer.read { db in try PerformancePlan.order(Column("slug")).fetchAll(db) }
    }

    /// Every target and result of every plan, in plan, priority and measure order (the open data download).
    public func performanceLines() async throws -> [PerformanceLine] {
        try await writer.read { db in
            let bodies = Dictionary(uniqueKeysWithValues: try Body.fetchAll(db).map { ($0.id!, $0) })
            let plans = Dictionary(uniqueKeysWithValues: try PerformancePlan.fetchAll(db).map { ($0.id!, $0) })
            let priorities = Dictionary(uniqueKeysWithValues: try PlanPriority.fetchAll(db).map { ($0.id!, $0) })
            let measures = Dictionary(uniqueKeysWithValues: try PlanMeasure.fetchAll(db).map { ($0.id!, $0) })
            var publicPapers: [Int64: Bool] = [:]
            return try MeasurePoint.fetchAll(db).compactMap { point -> PerformanceLine? in
                guard let measure = measures[point.measureId], let priority = priorities[measure.priorityId], let plan = plans[priority.planId],
                      let body = bodies[plan.bodyId] else { return nil }
                var paperId: Int64?
                if let id = point.paperId {
                    if publicPapers[id] == nil { publicPapers[id] = try Self.publicPaper(db, id: id) != nil }
                    paperId = publicPapers[id]! ? id : nil
                }
                return PerformanceLine(body: body, plan: plan, priority: priority, measure: measure, point: point, paperId: paperId)
            }.sorted { a, b in
                let left = (a.plan.slug, a.priority.position, a.measure.position, a.point.kind.rawValue)
                let right = (b.plan.slug, b.priority.position, b.measure.position, b.point.kind.rawValue)
                if left != right { return left < right }
                return ReportingPeriod.isBefore(a.point.period, b.point.period)
            }
        }
    }
}
