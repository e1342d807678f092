import Foundation

/// A public service commissioner or provider that receives recommendations and must respond.
public struct Organisation: Codable, Sendable, Equatable {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var kind: OrganisationKind
    /// What an `other` organisation is ("probation service"); none for the named kinds.
    public var otherKind: String? = nil
    /// The council this organisation is, when a council that sits on a board also receives recommendations: one
    /// record, not an authority and an unlinked organisation (issue 18).
    public var authorityId: Int64? = nil

    public init(
        id: Int64? = nil, slug: String, name: String, kind: OrganisationKind, otherKind: String? = nil, authorityId: Int64? = nil
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.kind = kind
        self.otherKind = otherKind
        self.authorityId = authorityId
    }

    /// "Council", or for another kind the type it was given ("Probation service").
    public var kindLabel: String {
        guard kind == .other, let otherKind, !otherKind.isEmpty else { return kind.label }
        return otherKind.prefix(1).uppercased() + otherKind.dropFirst()
    }

    /// What is wrong with a kind and its "other" type: an `other` says what it is, no named kind gives one.
    public static func kindProblem(_ kind: OrganisationKind, otherKind: String?) -> String? {
        let other = otherKind?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if kind == .other, other.isEmpty { return "say what kind of organisation it is, for example \"probation service\"" }
        if kind != .other, !other.isEmpty { return "a type of its own is only for an organisation of kind other" }
        if other.count > 80 { return "keep the kind of organisation to 80 characters" }
        return nil
    }
}

/// Stored lifecycle of a recommendation; the response states are derived from submitted responses and dates.
public enum RecommendationStatus: String, Codable, Sendable {
    case draft, issued, referred, closed
}

/// One numbered recommendation of a published report, addressed to one organisation.
public struct Recommendation: Codable, Sendable, Equatable {
    public var id: Int64?
    public var paperId: Int64
    public var bodyId: Int64
    public var organisationId: Int64
    public var number: Int
    public var text: String
    public var status: RecommendationStatus
    public var createdAt: Date
    public var issuedAt: Date?
    /// `yyyy-MM-dd`, London calendar day by the end of which the response is due.
    public var dueOn: String?
    public var referredTo: String?
    public var referralNote: String?
    public var referredAt: Date?
    public var closedAt: Date?
    public var closingNote: String?
    /// The delegated authority under which the recommendation was issued before the meeting's decision (`IssueRule`);
    /// shown publicly.
    public var issueAuthority: String? = nil
    /// The referral's body from the maintained list (`ReferralBody`), the day its reply is due, and its outcome.
    public var referralBodyId: Int64? = nil
    public var referralReplyDueOn: String? = nil
    public var referralOutcome: String? = nil
    public var referralOutcomeOn: String? = nil

    public init(
        id: Int64? = nil, paperId: Int64, bodyId: Int64, organisationId: Int64, number: Int, text: String, status:
        RecommendationStatus, createdAt: Date, issuedAt: Date? = nil, dueOn: String? = nil, referredTo: String? =
        nil, referralNote: String? = nil, referredAt: Date? = nil, closedAt: Date? = nil, closingNote: String? = nil,
        issueAuthority: String? = nil
    ) {
        self.id = id
        self.paperId = paperId
        self.bodyId = bodyId
        self.organisationId = organisationId
        self.number = number
        self.text = text
        self.status = status
        self.createdAt = createdAt
        self.issuedAt = issuedAt
        self.dueOn = dueOn
        self.referredTo = referredTo
        self.referralNote = referralNote
        self.referredAt = referredAt
        self.closedAt = closedAt
        self.closingNote = closingNote
        self.issueAuthority = issueAuthority
    }
}

/// A recorded extension of a response deadline, shown publicly with its reason.
public struct DeadlineExtension: Codable, Sendable, Equatable {
    public var id: Int64?
    public var recommendationId: Int64
    public var previousDueOn: String
    public var newDueOn: String
    public var reason: String
    public var at: Date
    public var byName: String

    public init(
        id: Int64? = nil, recommendationId: Int64, previousDueOn: String, newDueOn: String, reason: String, at:
        Date, byName: String
    ) {
        self.id = id
        self.recommendationId = recommendationId
        self.previousDueOn = previousDueOn
        self.newDueOn = newDueOn
        self.reason = reason
        self.at = at
        self.byName = byName
    }
}

public enum ResponseStatus: String, Codable, Sendable {
    case draft, submitted
}

/// An organisation's response to the recommendations of one report. Versions are never changed once
/// submitted (the database refuses it); a correction is a new version.
public struct ProviderResponse: Codable, Sendable, Equatable {
    public var id: Int64?
    public var paperId: Int64
    public var organisationId: Int64
    public var version: Int
    public var status: ResponseStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var submittedAt: Date?
    public var submittedBy: String?
    /// How a response that did not come through Townhall arrived ("letter of 2 March 2027"), entered by the clerk.
    public var receivedOutside: String? = nil
    /// The authority the response carries, as the responder stated it ("approved by the trust board on 12 March").
    public var signOff: String? = nil
    /// The longest a sign-off may be: one sentence.
    public static let maxSignOffLength = 300

    /// What is wrong with a sign-off as typed, or nil; the form and the store ask the same.
    public static func signOffProblem(_ text: String) -> String? {
        text.trimmingCharacters(in: .whitespacesAndNewlines).count > maxSignOffLength ? "Keep the sign-off to \(maxSignOffLength) characters" : nil
    }

    public init(
        id: Int64? = nil, paperId: Int64, organisationId: Int64, version: Int, status: ResponseStatus, createdAt:
        Date, updatedAt: Date, submittedAt: Date? = nil, submittedBy: String? = nil
    ) {
        self.id = id
        self.paperId = paperId
        self.organisationId = organisationId
        self.version = version
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.submittedAt = submittedAt
        self.submittedBy = submittedBy
    }
}

/// The answer to one recommendation within a response.
public struct ResponseItem: Codable, Sendable, Equatable {
    public var id: Int64?
    public var responseId: Int64
    public var recommendationId: Int64
    public var decision: ResponseDecision?
    public var reasons: String
    public var action: String
    public var targetDate: String?

    public init(
        id: Int64? = nil, responseId: Int64, recommendationId: Int64, decision: ResponseDecision? = nil, reasons:
        String, action: String, targetDate: String? = nil
    ) {
        self.id = id
        self.responseId = responseId
        self.recommendationId = recommendationId
        self.decision = decision
        self.reasons = reasons
        self.action = action
        self.targetDate = targetDate
    }
}

/// A dated progress report on an accepted recommendation.
public struct ImplementationUpdate: Codable, Sendable, Equatable {
    public var id: Int64?
    public var recommendationId: Int64
    public var status: ImplementationStatus
    public var note: String
    public var targetDate: String?
    public var at: Date
    public var byName: String
    /// How far the action has got, when the update says.
    public var percentComplete: Int?

    public init(
        id: Int64? = nil, recommendationId: Int64, status: ImplementationStatus, note: String, targetDate: String? =
        nil, at: Date, byName: String, percentComplete: Int? = nil
    ) {
        self.id = id
        self.recommendationId = recommendationId
        self.status = status
        self.note = note
        self.targetDate = targetDate
        self.percentComplete = percentComplete
        self.at = at
        self.byName = byName
    }
}

public enum NotificationKind: String, Codable, Sendable, CaseIterable {
    case issued
    case dueSoon = "due-soon"
    case overdue
    case responseReceived = "response-received"
    /// A request for more time, to the clerks; the decision on it, to the responders.
    case extensionRequest = "extension-request"
    /// A promised action whose target day passed before it was implemented, to the responders and the clerks.
    case actionOverdue = "action-overdue"
    /// An annual report or peer challenge follow-up that is due soon or overdue.
    case dutyReminder = "duty-reminder"
    /// A self-service password reset link.
    case passwordReset = "password-reset"
    /// The link that confirms a resident's follow (double opt-in).
    case followConfirmation = "follow-confirmation"
    /// What a resident follows: one event as it happens, or a week's in a digest.
    case alert
    /// The link that confirms a resident's question or written evidence.
    case contributionConfirmation = "contribution-confirmation"
    /// A clerk's decision on a resident's question or evidence, or its answer.
    case contributionDecision = "contribution-decision"
}

/// An e-mail waiting to be sent, written in the same transaction as the change it reports.
public struct OutboxMessage: Codable, Sendable, Equatable {
    public var id: Int64?
    public var kind: NotificationKind
    /// Makes calendar-driven notices (due soon, overdue) idempotent: one per recommendation and recipient.
    public var dedupeKey: String?
    public var recipient: String
    public var subject: String
    public var body: String
    public var createdAt: Date
    public var attempts: Int = 0
    public var lastError: String? = nil
    public var nextAttemptAt: Date
    public var sentAt: Date? = nil
    /// A follower's message carries its follow's token: the one-click unsubscribe of RFC 8058.
    public var unsubscribeToken: String? = nil

    public init(
        id: Int64? = nil, kind: NotificationKind, dedupeKey: String? = nil, recipient: String, subject: String,
        body: String, createdAt: Date, attempts: Int = 0, lastError: String? = nil, nextAttemptAt: Date, sentAt:
        Date? = nil, unsubscribeToken: String? = nil
    ) {
        self.unsubscribeToken = unsubscribeToken
        self.id = id
        self.kind = kind
        self.dedupeKey = dedupeKey
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.sentAt = sentAt
    }
}

extension Recommendation {
    /// Whether its organisation may answer it (or correct its answer): issued, and neither referred nor closed.
    /// The response form shows and the store accepts answers to exactly these; `RecommendationState.allows`
    /// agrees (checked in the domain tests).
    public var isOpenToAnswer: Bool { status == .issued }
}

extension Recommendation {
    /// The day it was issued, where the body sits; nil while a draft.
    public func issuedDay(_ time: LocalTime) -> Day? { issuedAt.map(time.calendarDay(of:)) }
}
