import Foundation
import GRDB
import TownhallDomain

/// What a Policing Board decided on a reserved function, as the CLI or a clerk enters it.
public struct BoardDecisionInput: Sendable {
    public var function: ReservedFunction
    public var decidedOn: String
    public var summary: String
    public var budget: Money?
    public var precept: Money?
    public var chiefConstable: String?
    public var priorities: [String]
    public var meetingId: Int64?
    public var paperId: Int64?
    /// `.meeting` needs `meetingId`, a held meeting of the board; `.delegated` and `.urgent` need `authority`.
    public var basis: DecisionBasis
    public var authority: String?

    public init(
        function: ReservedFunction, decidedOn: String, summary: String, budget: Money? = nil, precept: Money? = nil,
        chiefConstable: String? = nil, priorities: [String] = [], meetingId: Int64? = nil, paperId: Int64? = nil,
        basis: DecisionBasis = .meeting, authority: String? = nil
    ) {
        self.basis = basis
        self.authority = authority
        self.function = function
        self.decidedOn = decidedOn
        self.summary = summary
        self.budget = budget
        self.precept = precept
        self.chiefConstable = chiefConstable
        self.priorities = priorities
        self.meetingId = meetingId
        self.paperId = paperId
    }
}

/// Writes for the duties particular to each kind of body. Each checks the body's kind and the links between
/// records (a decision's meeting belongs to the board, a final report is the LPAC's own paper) in one transaction.
extension AppDatabase {
    public func recordBoardDecision(
        body bodySlug: String, _ input: BoardDecisionInput, localTime: LocalTime = LocalTime(), actor: Actor
    ) throws -> BoardDecision {
        let day = try localTime.parseDay(input.decidedOn)
        let summary = input.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw TownhallError.invalid("give a one-line summary of the decision") }
        let name = input.chiefConstable?.trimmingCharacters(in: .whitespaces) ?? ""
        let priorities = input.priorities.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch input.function {
        case .budgetAndPrecept:
            guard let budget = input.budget, budget.pence > 0, let precept = input.precept, precept.pence > 0 else {
                throw TownhallError.invalid("a budget decision needs the force budget and the Band D precept, both above zero")
            }
        case .appointChiefConstable, .dismissChiefConstable:
            guard !name.isEmpty else { throw TownhallError.invalid("name the Chief Constable appointed or dismissed") }
        case .policingPlan:
            guard !priorities.isEmpty else { throw TownhallError.invalid("a policing plan needs at least one strategic priority") }
        }
        return try writer.write { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            guard body.kind == .policingBoard else {
                throw TownhallError.invalid("\(body.name) is not a Policing Board; only a board takes reserved decisions")
            }
            let authority = input.authority?.trimmedOrNil
            switch input.basis {
            case .meeting:
                guard let meetingId = input.meetingId else {
                    throw TownhallError.invalid(
                        "name the meeting that took the decision, or record it as a delegated or urgent decision with its authority")
                }
                guard let meeting = try Meeting.fetchOne(db, key: meetingId), meeting.bodyId == body.id else {
                    throw TownhallError.invalid("meeting \(meetingId) is not a meeting of \(body.name)")
                }
                guard meeting.status == .held else {
                    throw TownhallError.invalid("meeting \(meetingId) has not been held; a decision is recorded for a meeting once it is held")
                }
            case .delegated, .urgent:
                guard authority != nil else {
                    throw TownhallError.invalid("a \(input.basis.label.lowercased()) needs the authority it was taken under")
                }
                if let meetingId = input.meetingId, try Meeting.fetchOne(db, key: meetingId)?.bodyId != body.id {
                    throw TownhallError.invalid("meeting \(meetingId) is not a meeting of \(body.name)")
                }
            }
            if let paperId = input.paperId {
                guard try Self.bodyId(ofPaper: paperId, db) == body.id else {
                    throw TownhallError.invalid("paper \(paperId) is not a paper of \(body.name)")
                }
            }
            var decision = BoardDecision(
                bodyId: body.id!, meetingId: input.meetingId, paperId: input.paperId, function: input.function, decidedOn: day,
                summary: summary, budgetPence: input.function == .budgetAndPrecept ? input.budget?.pence : nil,
                preceptPence: input.function == .budgetAndPrecept ? input.precept?.pence : nil,
                chiefConstable: name.isEmpty ? nil : name,
                priorities: input.function == .policingPlan ? priorities.joined(separator: "\n") : nil,
                basis: input.basis, authority: input.basis == .meeting ? nil : authority)
            try decision.insert(db)
            try db.audit(actor, .record, .boardDecision, decision.id, "\(input.function.rawValue) on \(day)", at: clock())
            return decision
        }
    }

    public func addInquiry(
        body bodySlug: String, slug: String, title: String, scope: String, openedOn: String,
        localTime: LocalTime = LocalTime(), actor: Actor
    ) throws -> Inquiry {
        let slug = try Slug.validate(slug, what: "inquiry")
        let opened = try localTime.parseDay(openedOn)
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw TownhallError.invalid("title must not be empty") }
        return try writer.write { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            guard body.kind == .lpac else { throw TownhallError.invalid("\(body.name) is not an LPAC; only an LPAC holds inquiries") }
            guard try Inquiry.filter(Column("slug") == slug).fetchCount(db) == 0 else {
                throw TownhallError.conflict("an inquiry with slug \"\(slug)\" already exists")
            }
            var inquiry = Inquiry(bodyId: body.id!, slug: slug, title: title, scope: scope, openedOn: opened)
            try inquiry.insert(db)
            try db.audit(actor, .add, .inquiry, inquiry.id, title, at: clock())
            return inquiry
        }
    }

    /// Makes a meeting of the LPAC an evidence session of the inquiry.
    public func addEvidenceSession(inquiry inquirySlug: String, meetingId: Int64, actor: Actor) throws -> Meeting {
        try writer.write { db in
            let inquiry = try Self.find(Inquiry.self, slug: inquirySlug, what: "inquiry", db)
            guard var meeting = try Meeting.fetchOne(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            guard meeting.bodyId == inquiry.bodyId else {
                throw TownhallError.invalid("meeting \(meetingId) is not a meeting of the committee holding this inquiry")
            }
            meeting.inquiryId = inquiry.id
            try meeting.update(db)
            try db.audit(actor, .addSession, .inquiry, inquiry.id, "meeting \(meetingId)", at: clock())
            return meeting
        }
    }

    /// Records the inquiry's final report; its recommendations then go through the response workflow.
    public func setInquiryReport(inquiry inquirySlug: String, paperId: Int64, actor: Actor) throws -> Inquiry {
        try writer.write { db in
            var inquiry = try Self.find(Inquiry.self, slug: inquirySlug, what: "inquiry", db)
            guard var paper = try Paper.fetchOne(db, key: paperId), try Self.bodyId(ofPaper: paperId, db) == inquiry.bodyId else {
                throw TownhallError.invalid("paper \(paperId) is not a paper of the committee holding this inquiry")
            }
            paper.kind = .inquiryReport
            try paper.update(db)
            inquiry.reportPaperId = paperId
            try inquiry.update(db)
            try db.audit(actor, .setReport, .inquiry, inquiry.id, "paper \(paperId)", at: clock())
            return inquiry
        }
    }

    public func addWitness(
        meetingId: Int64, name: String, role: String, organisation organisationSlug: String? = nil, actor: Actor
    ) throws -> Witness {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw TownhallError.invalid("give the witness's name") }
        return try writer.write { db in
            guard try Meeting.exists(db, key: meetingId) else { throw TownhallError.notFound("no meeting with id \(meetingId)") }
            let organisation = try organisationSlug.map { try Self.find(Organisation.self, slug: $0, what: "organisation", db) }
            var witness = Witness(
                meetingId: meetingId, name: name, role: role.trimmingCharacters(in: .whitespacesAndNewlines),
                organisationId: organisation?.id)
            try witness.insert(db)
            try db.audit(actor, .add, .witness, witness.id, "\(name) at meeting \(meetingId)", at: clock())
            return witness
        }
    }

    public func removeWitness(id: Int64, actor: Actor) throws {
        try writer.write { db in
            guard try Witness.deleteOne(db, key: id) else { throw TownhallError.notFound("no witness with id \(id)") }
            try db.audit(actor, .remove, .witness, id, "", at: clock())
        }
    }

    static func bodyId(ofPaper paperId: Int64, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT m.bodyId FROM paper p JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId WHERE p.id = ?
            """, arguments: [paperId])
    }
}
