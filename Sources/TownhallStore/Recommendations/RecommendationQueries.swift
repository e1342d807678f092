import Foundation
import GRDB
import TownhallDomain

/// A recommendation with what every list needs: where it came from, who must answer, and its state now.
public struct TrackedRecommendation: Sendable {
    public var recommendation: Recommendation
    public var body: Body
    public var organisation: Organisation
    public var paperTitle: String
    public var decision: ResponseDecision?
    /// When the organisation first submitted an answer to it.
    public var firstAnsweredAt: Date?
    public var state: RecommendationState
    /// The promised action, for an accepted (or partly accepted) recommendation.
    public var action: ActionTrack? = nil

    /// Answered by the end of the due day (as extended), judged in London.
    public func answeredOnTime(time: LocalTime) -> Bool? {
        guard let firstAnsweredAt, let due = recommendation.dueOn.flatMap(Day.init) else { return nil }
        return time.calendarDay(of: firstAnsweredAt) <= due
    }

    public init(
        recommendation: Recommendation, body: Body, organisation: Organisation, paperTitle: String, decision:
        ResponseDecision? = nil, firstAnsweredAt: Date? = nil, state: RecommendationState
    ) {
        self.recommendation = recommendation
        self.body = body
        self.organisation = organisation
        self.paperTitle = paperTitle
        self.decision = decision
        self.firstAnsweredAt = firstAnsweredAt
        self.state = state
    }
}

/// Which recommendations a list shows. Public lists never include drafts or anything on a paper the public
/// cannot read.
public struct RecommendationScope: Sendable {
    public var bodyIds: [Int64]?
    public var organisationId: Int64?
    public var paperId: Int64?
    public var includeDrafts = false

    public init(bodyIds: [Int64]? = nil, organisationId: Int64? = nil, paperId: Int64? = nil, includeDrafts: Bool = false) {
        self.bodyIds = bodyIds
        self.organisationId = organisationId
        self.paperId = paperId
        self.includeDrafts = includeDrafts
    }
}

/// Everything shown about one recommendation.
public struct RecommendationDetail: Sendable {
    public var tracked: TrackedRecommendation
    public var paper: Paper
    public var meeting: Meeting
    public var extensions: [DeadlineExtension]
    /// Requests for more time, oldest first, decided or waiting.
    public var extensionRequests: [ExtensionRequest]
    /// The organisation's holding replies to the report, newest first.
    public var holdingNotes: [HoldingNote]
    /// Submitted responses that answer it, newest first, each with its answer.
    public var answers: [(response: ProviderResponse, item: ResponseItem)]
    public var updates: [ImplementationUpdate]
    /// The later meetings it is called back to (`CallBack`), soonest first: public ones only on the public page.
    public var callBacks: [CallBackEntry] = []
    /// The LPAC inquiry whose report made it, with its evidence sessions, witnesses and written evidence.
    public var inquiry: InquiryDetail? = nil

    public init(
        tracked: TrackedRecommendation, paper: Paper, meeting: Meeting, extensions: [DeadlineExtension],
        extensionRequests: [ExtensionRequest], holdingNotes: [HoldingNote], answers: [(response: ProviderResponse, item: ResponseItem)],
        updates: [ImplementationUpdate], callBacks: [CallBackEntry] = [], inquiry: InquiryDetail? = nil
    ) {
        self.callBacks = callBacks
        self.inquiry = inquiry
        self.tracked = tracked
        self.paper = paper
        self.meeting = meeting
        self.extensions = extensions
        self.extensionRequests = extensionRequests
        self.holdingNotes = holdingNotes
        self.answers = answers
        self.updates = updates
    }
}

/// The provider's response form for one report: its recommendations, the draft if any, the latest submission.
public struct ResponseWorkspace: Sendable {
    public var paper: Paper
    public var recommendations: [TrackedRecommendation]
    public var draft: ProviderResponse?
    public var draftItems: [Int64: ResponseItem]
    public var latest: ProviderResponse?
    /// Each recommendation's latest submitted answer, from whichever version last answered it.
    public var latestItems: [Int64: ResponseItem]
    /// The organisation's holding replies to the report, newest first.
    public var holdingNotes: [HoldingNote]

    public init(
        paper: Paper, recommendations: [TrackedRecommendation], draft: ProviderResponse? = nil, draftItems: [Int64:
        ResponseItem], latest: ProviderResponse? = nil, latestItems: [Int64: ResponseItem], holdingNotes: [HoldingNote]
    ) {
        self.paper = paper
        self.recommendations = recommendations
        self.draft = draft
        self.draftItems = draftItems
        self.latest = latest
        self.latestItems = latestItems
        self.holdingNotes = holdingNotes
    }
}

extension AppDatabase {
    public func trackedRecommendations(_ scope: RecommendationScope, deadlines: Deadlines, now: Date) async throws -> [TrackedRecommendation] {
        try await writer.read { db in try Self.tracked(db, scope, deadlines, now) }
    }

    public func organisations() async throws -> [Organisation] {
        try await writer.read { db in try Organisation.order(Column("name")).fetchAll(db) }
    }

    public func organisation(slug: String) async throws -> Organisation? {
        try await writer.read { db in try Organisation.filter(Column("slug") == slug).fetchOne(db) }
    }

    /// One public recommendation (nil for a draft or one whose report the public cannot read).
    public func recommendationDetail(id: Int64, includeDrafts: Bool = false, deadlines: Deadlines, now: Date) async throws -> RecommendationDetail? {
        try await writer.read { db in
            guard let record = try Recommendation.fetchOne(db, key: id),
                  let tracked = try Self.tracked(db, RecommendationScope(paperId: record.paperId, includeDrafts: includeDrafts), deadlines, now)
                    .first(where: { $0.recommendation.id == id }),
                  let paper = try Paper.fetchOne(db, key: record.paperId), let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId),
                  let meeting = try Meeting.fetchOne(db, key: item.meetingId)
            else { return nil }
            let answers = try Row.fetchAll(db, sql: """
                SELECT r.*, i.id AS itemId, i.decision, i.reasons, i.action, i.targetDate
                FROM response r JOIN responseItem i ON i.responseId = r.id
                WHERE i.recommendationId = ? AND r.status = 'submitted' ORDER BY r.version DESC
                """, arguments: [id]).map { row in
                (try ProviderResponse(row: row), ResponseItem(
                    id: row["itemId"], responseId: row["id"], recommendationId: id, decision: (row["decision"] as String?).flatMap(ResponseDecision.init),
                    reasons: row["reasons"], action: row["action"], targetDate: row["targetDate"]))
            }
            return RecommendationDetail(
                tracked: tracked, paper: paper, meeting: meeting,
                extensions: try DeadlineExtension.filter(Column("recommendationId") == id).order(Column("id")).fetchAll(db),
                extensionRequests: try ExtensionRequest.filter(Column("recommendationId") == id).order(Column("id")).fetchAll(db),
                holdingNotes: try Self.holdingNotes(db, paperId: record.paperId, organisationId: record.organisationId),
                answers: answers,
                updates: try ImplementationUpdate.filter(Column("recommendationId") == id).order(Column("id")).fetchAll(db),
                callBacks: try Self.callBacks(db, recommendationId: id, includeUnpublished: includeDrafts),
                inquiry: try Inquiry.filter(Column("reportPaperId") == record.paperId).fetchOne(db).flatMap { try Self.inquiryDetail(db, $0) })
        }
    }

    /// The organisation's view of one report it must answer; nil when nothing in it is addressed to them.
    public func responseWorkspace(paperId: Int64, organisationId: Int64, deadlines: Deadlines, now: Date) async throws -> ResponseWorkspace? {
        try await writer.read { db in
            let recommendations = try Self.tracked(db, RecommendationScope(organisationId: organisationId, paperId: paperId), deadlines, now)
            guard !recommendations.isEmpty, let paper = try Paper.fetchOne(db, key: paperId) else { return nil }
            let responses = try ProviderResponse.filter(Column("paperId") == paperId && Column("organisationId") == organisationId)
                .order(Column("version").desc).fetchAll(db)
            let draft = responses.first { $0.status == .draft }
            let latest = responses.first { $0.status == .submitted }
            func items(_ response: ProviderResponse?) throws -> [Int64: ResponseItem] {
                guard let response else { return [:] }
                return Dictionary(uniqueKeysWithValues: try ResponseItem.filter(Column("responseId") == response.id).fetchAll(db).map { ($0.recommendationId, $0) })
            }
            // Each recommendation's latest answer: versions may answer some of a report's recommendations and not
            // others, so the newest version that answers it.
            var latestItems: [Int64: ResponseItem] = [:]
            for response in responses where response.status == .submitted {
                for (recommendationId, item) in try items(response) where latestItems[recommendationId] == nil { latestItems[recommendationId] = item }
            }
            return ResponseWorkspace(
                paper: paper, recommendations: recommendations, draft: draft, draftItems: try items(draft), latest: latest,
                latestItems: latestItems, holdingNotes: try Self.holdingNotes(db, paperId: paperId, organisationId: organisationId))
        }
    }

    static func tracked(_ db: Database, _ scope: RecommendationScope, _ deadlines: Deadlines, _ now: Date) throws -> [TrackedRecommendation] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if !scope.includeDrafts {
            conditions.append(PublicSQL.recommendation)
        }
        if let ids = scope.bodyIds {
            conditions.append("r.bodyId IN (\(ids.isEmpty ? "NULL" : ids.map { _ in "?" }.joined(separator: ",")))")
            arguments += ids
        }
        if let organisationId = scope.organisationId {
            conditions.append("r.organisationId = ?")
            arguments.append(organisationId)
        }
        if let paperId = scope.paperId {
            conditions.append("r.paperId = ?")
            arguments.append(paperId)
        }
        let sql = """
            SELECT r.id, p.title AS paperTitle,
              (SELECT ri.decision FROM responseItem ri JOIN response rs ON rs.id = ri.responseId
                WHERE ri.recommendationId = r.id AND rs.status = 'submitted' ORDER BY rs.version DESC LIMIT 1) AS decision,
              (SELECT MIN(rs.submittedAt) FROM responseItem ri JOIN response rs ON rs.id = ri.responseId
                WHERE ri.recommendationId = r.id AND rs.status = 'submitted') AS firstAnsweredAt,
              EXISTS (SELECT 1 FROM extensionRequest e WHERE e.recommendationId = r.id AND e.decision = 'pending') AS extensionPending,
              (SELECT ri.targetDate FROM responseItem ri JOIN response rs ON rs.id = ri.responseId
                WHERE ri.recommendationId = r.id AND rs.status = 'submitted' ORDER BY rs.version DESC LIMIT 1) AS responseTarget,
              (SELECT u.status FROM implementationUpdate u WHERE u.recommendationId = r.id ORDER BY u.id DESC LIMIT 1) AS latestStatus,
              (SELECT u.percentComplete FROM implementationUpdate u WHERE u.recommendationId = r.id ORDER BY u.id DESC LIMIT 1) AS latestPercent,
              (SELECT u.targetDate FROM implementationUpdate u WHERE u.recommendationId = r.id AND u.targetDate IS NOT NULL
                ORDER BY u.id DESC LIMIT 1) AS latestTarget
            FROM recommendation r JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
            JOIN meeting m ON m.id = i.meetingId
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY r.dueOn IS NULL, r.dueOn, r.paperId, r.number
            """
        let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        let records = Dictionary(
            uniqueKeysWithValues: try Recommendation.fetchAll(db, keys: rows.map { $0["id"] as Int64 }).map { ($0.id!, $0) })
        // Only the bodies and organisations these recommendations name, not every row of both tables.
        let bodies = Dictionary(uniqueKeysWithValues: try Body.fetchAll(db, keys: Set(records.values.map(\.bodyId))).map { ($0.id!, $0) })
        let organisations = Dictionary(
            uniqueKeysWithValues: try Organisation.fetchAll(db, keys: Set(records.values.map(\.organisationId))).map { ($0.id!, $0) })
        return rows.compactMap { row in
            guard let record = records[row["id"]], let body = bodies[record.bodyId], let organisation = organisations[record.organisationId]
            else { return nil }
            let decision = (row["decision"] as String?).flatMap(ResponseDecision.init(rawValue:))
            // A draft has no public state (`state` is nil); lists check `status == .draft` and show it as a draft.
            let state = deadlines.state(of: record, decision: decision, extensionPending: row["extensionPending"], body: body, now: now)
                ?? .awaitingResponse
            var tracked = TrackedRecommendation(
                recommendation: record, body: body, organisation: organisation, paperTitle: row["paperTitle"], decision: decision,
                firstAnsweredAt: row["firstAnsweredAt"], state: state)
            tracked.action = ActionTrack(
                state: state, responseTarget: row["responseTarget"], latestStatus: (row["latestStatus"] as String?).flatMap(ImplementationStatus.init),
                latestTarget: row["latestTarget"], percentComplete: row["latestPercent"], today: deadlines.time.calendarDay(of: now))
            return tracked
        }
    }

    /// Issued recommendations whose response is late, for `townhall recommendations overdue` and notices.
    public func overdueRecommendations(deadlines: Deadlines, now: Date) throws -> [TrackedRecommendation] {
        try writer.read { db in try Self.tracked(db, RecommendationScope(), deadlines, now).filter(\.state.isLate) }
    }
}
