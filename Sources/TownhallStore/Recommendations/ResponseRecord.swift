import Foundation
import GRDB
import TownhallDomain

/// An organisation's record of answering recommendations, across every body that addressed it (issue 18): a factual
/// account, not a ranking. One computation for the organisation's page, the snippet a council or trust may put on
/// its own site, and the JSON, so the three cannot disagree.
public struct ResponseRecord: Sendable, Equatable {
    /// Issued recommendations it has received.
    public let received: Int
    public let answeredOnTime: Int
    public let answeredLate: Int
    /// Over the late answers: the median of working days between the due day and the day answered; nil if none.
    public let medianWorkingDaysLate: Double?
    /// Still waiting for an answer, of which past the due day, and of those long overdue.
    public let outstanding: Int
    public let overdue: Int
    public let longOverdue: Int
    /// Actions promised on accepted recommendations that are past their target and not implemented.
    public let actionsPastTarget: Int

    public init(_ tracked: [TrackedRecommendation], deadlines: Deadlines) {
        let issued = tracked.filter { $0.recommendation.status != .draft }
        received = issued.count
        var late: [Int] = []
        var onTime = 0
        for item in issued {
            // On time is `TrackedRecommendation.answeredOnTime`'s rule, the one the tracker and page use.
            switch item.answeredOnTime(time: deadlines.time) {
            case true?: onTime += 1
            case false?:
                let day = deadlines.time.calendarDay(of: item.firstAnsweredAt!), due = Day(item.recommendation.dueOn!)!
                late.append(deadlines.workingDays.workingDays(from: due, to: day))
            case nil: continue
            }
        }
        answeredOnTime = onTime
        answeredLate = late.count
        medianWorkingDaysLate = Self.median(late)
        outstanding = issued.filter { $0.state.isWaiting }.count
        overdue = issued.filter { $0.state.isLate }.count
        longOverdue = issued.filter { $0.state == .longOverdue }.count
        actionsPastTarget = issued.filter { $0.action?.isOverdue == true }.count
    }

    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension AppDatabase {
    /// The names of the people who answer for an organisation (its active responder accounts), as its page lists
    /// them: the names a submitted response already shows, never an address.
    public func responderNames(organisationId: Int64) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT name \(Self.activeResponders) ORDER BY name", arguments: [organisationId])
        }
    }

    /// The council an organisation is (when it is one) and the bodies that council sits on, by name.
    public func councilSeats(of organisation: Organisation) async throws -> (council: String, bodies: [BodyName])? {
        guard let authorityId = organisation.authorityId else { return nil }
        return try await writer.read { db in
            guard let council = try Authority.fetchOne(db, key: authorityId) else { return nil }
            let bodies = try Row.fetchAll(db, sql: """
                SELECT b.slug, b.name FROM bodyCouncil c JOIN body b ON b.id = c.bodyId WHERE c.authorityId = ? ORDER BY b.name
                """, arguments: [authorityId]).map { BodyName(slug: $0["slug"], name: $0["name"]) }
            return (council.name, bodies)
        }
    }
}
