import Foundation
import GRDB
import TownhallDomain

/// Requests for more time and the clerk's decisions (issue 18). The rules are `ExtensionRequest`'s and the state
/// machine's; the store checks them in the transaction that writes, so the provider's form, the clerk's screen and
/// the command line refuse the same things.
extension AppDatabase {
    /// Records an organisation's request for more time on one of its recommendations and tells the body's clerks.
    /// `organisationId` is the organisation the requester answers for (nil from the command line, which acts for
    /// the administrator); a request for another organisation's recommendation is refused.
    @discardableResult
    public func requestExtension(
        recommendationId: Int64, organisationId: Int64?, to requested: String, reason: String, at now: Date, deadlines: Deadlines,
        actor: Actor
    ) throws -> ExtensionRequest {
        try writer.write { db in
            let record = try Self.transition(recommendationId, .requestExtension, now, deadlines, db)
            if let organisationId, record.organisationId != organisationId {
                throw TownhallError.notFound("no recommendation with id \(recommendationId) for your organisation")
            }
            guard let current = record.dueOn.flatMap(Day.init) else {
                throw TownhallError.conflict("recommendation \(record.number) has no deadline to extend")
            }
            if let problem = ExtensionRequest.requestProblems(requested: requested, reason: reason, currentDue: current).first {
                throw TownhallError.invalid(problem.message)
            }
            var request = ExtensionRequest(
                recommendationId: recommendationId, dueOnWhenAsked: current.description,
                requestedDueOn: Day(requested.trimmingCharacters(in: .whitespaces))!.description, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines),
                requestedAt: now, requestedBy: actor.publicName)
            try request.insert(db)
            try db.audit(actor, .requestExtension, .recommendation, recommendationId, "to \(request.requestedDueOn): \(request.reason)", at: now)
            let organisation = try Organisation.fetchOne(db, key: record.organisationId)
            let body = try Body.fetchOne(db, key: record.bodyId)
            try db.enqueue(
                .extensionRequest, to: try Self.clerkEmails(record.bodyId, db), at: now,
                subject: "\(organisation?.name ?? "An organisation") asks for more time on recommendation \(record.number)",
                body: """
                    \(request.requestedBy) of \(organisation?.name ?? "the organisation") asks for the response to recommendation \
                    \(record.number) of \(body?.name ?? "your body") to be due by \(deadlines.time.longDate(day: Day(request.requestedDueOn)!)) \
                    instead of \(deadlines.time.longDate(day: current)).

                    Reason: \(request.reason)

                    Decide it at {{site}}/admin/recommendations/\(recommendationId)
                    """)
            return request
        }
    }

    /// The clerk's decision on the waiting request: a grant moves the deadline (to the day asked for, or an
    /// earlier one the clerk sets) and is recorded as an extension; a refusal, with reasons, leaves it. Either way
    /// the responders are told.
    @discardableResult
    public func decideExtension(
        recommendationId: Int64, grant: Bool, grantedDue: String, note: String, at now: Date, deadlines: Deadlines, actor: Actor
    ) throws -> ExtensionRequest {
        try writer.write { db in
            var record = try Self.transition(recommendationId, .decideExtension, now, deadlines, db)
            guard var request = try Self.pendingExtension(recommendationId, db) else {
                throw TownhallError.conflict("recommendation \(record.number) has no request for more time waiting")
            }
            if let problem = ExtensionRequest.decisionProblems(grant: grant, grantedDue: grantedDue, note: note, request: request).first {
                throw TownhallError.invalid(problem.message)
            }
            let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
            request.decision = grant ? .granted : .refused
            request.decidedAt = now
            request.decidedBy = actor.publicName
            request.decisionNote = note.isEmpty ? nil : note
            if grant {
                let typed = grantedDue.trimmingCharacters(in: .whitespaces)
                // Checked by `decisionProblems`; stored in its one written form, as every day is.
                let day = typed.isEmpty ? request.requestedDueOn : Day(typed)!.description
                request.grantedDueOn = day
                var entry = DeadlineExtension(
                    recommendationId: recommendationId, previousDueOn: record.dueOn ?? request.dueOnWhenAsked, newDueOn: day,
                    reason: "At the request of \(request.requestedBy): \(request.reason)", at: now, byName: actor.publicName)
                try entry.insert(db)
                record.dueOn = day
                try record.update(db)
            }
            try request.update(db)
            try db.audit(actor, grant ? .grantExtension : .refuseExtension, .recommendation, recommendationId,
                         grant ? "to \(request.grantedDueOn!)" : note, at: now)
            let due = record.dueOn.flatMap(Day.init).map(deadlines.time.longDate(day:)) ?? ""
            try db.enqueue(
                .extensionRequest, to: try Self.responders(record.organisationId, db), at: now,
                subject: "More time on recommendation \(record.number): \(grant ? "granted" : "refused")",
                body: """
                    Your request for more time to respond to recommendation \(record.number) was \(grant ? "granted" : "refused"). \
                    The response is now due by \(due).\(request.decisionNote.map { "\n\n\($0)" } ?? "")

                    Respond at {{site}}/provider/reports/\(record.paperId)
                    """)
            return request
        }
    }

    /// The request waiting for a decision, if any (the store allows one at a time).
    static func pendingExtension(_ recommendationId: Int64, _ db: Database) throws -> ExtensionRequest? {
        try ExtensionRequest.filter(Column("recommendationId") == recommendationId && Column("decision") == ExtensionRequest.Decision.pending.rawValue)
            .fetchOne(db)
    }
}

/// One request for more time in the bulk download, with its recommendation and decision.
public struct ExtensionRequestLine: Sendable, Codable, Equatable {
    public var id: Int64
    public var recommendationId: Int64
    public var recommendationNumber: Int
    public var body: String
    public var organisation: String
    public var requestedAt: Date
    public var requestedBy: String
    public var dueOnWhenAsked: String
    public var requestedDueOn: String
    public var reason: String
    public var decision: String
    public var decidedAt: Date?
    public var decidedBy: String
    public var grantedDueOn: String
    public var decisionNote: String

    /// Every key in every row, `decidedAt` null while pending, as the data page documents (the synthesised
    /// encoding leaves a nil out).
    public func encode(to encoder: any Encoder) throws {
        var row = encoder.container(keyedBy: CodingKeys.self)
        try row.encode(id, forKey: .id)
        try row.encode(recommendationId, forKey: .recommendationId)
        try row.encode(recommendationNumber, forKey: .recommendationNumber)
        try row.encode(body, forKey: .body)
        try row.encode(organisation, forKey: .organisation)
        try row.encode(requestedAt, forKey: .requestedAt)
        try row.encode(requestedBy, forKey: .requestedBy)
        try row.encode(dueOnWhenAsked, forKey: .dueOnWhenAsked)
        try row.encode(requestedDueOn, forKey: .requestedDueOn)
        try row.encode(reason, forKey: .reason)
        try row.encode(decision, forKey: .decision)
        try row.encode(decidedAt, forKey: .decidedAt)
        try row.encode(decidedBy, forKey: .decidedBy)
        try row.encode(grantedDueOn, forKey: .grantedDueOn)
        try row.encode(decisionNote, forKey: .decisionNote)
    }
}

extension AppDatabase {
    /// Every request for more time on a public recommendation, oldest first.
    public func extensionRequestLines() async throws -> [ExtensionRequestLine] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, r.number, b.name AS body, o.name AS organisation
                FROM extensionRequest e JOIN recommendation r ON r.id = e.recommendationId JOIN organisation o ON o.id = r.organisationId
                JOIN body b ON b.id = r.bodyId JOIN paper p ON p.id = r.paperId JOIN agendaItem i ON i.id = p.agendaItemId
                JOIN meeting m ON m.id = i.meetingId
                WHERE \(PublicSQL.recommendation)
                ORDER BY e.requestedAt, e.id
                """).map { row in
                ExtensionRequestLine(
                    id: row["id"], recommendationId: row["recommendationId"], recommendationNumber: row["number"], body: row["body"],
                    organisation: row["organisation"], requestedAt: row["requestedAt"], requestedBy: row["requestedBy"],
                    dueOnWhenAsked: row["dueOnWhenAsked"], requestedDueOn: row["requestedDueOn"], reason: row["reason"], decision: row["decision"],
                    decidedAt: row["decidedAt"], decidedBy: row["decidedBy"] ?? "", grantedDueOn: row["grantedDueOn"] ?? "",
                    decisionNote: row["decisionNote"] ?? "")
            }
        }
    }
}
