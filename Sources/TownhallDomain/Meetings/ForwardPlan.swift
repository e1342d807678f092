import Foundation

/// How an entry reached the forward plan in time, or why it did not need to (Local Authorities (Executive
/// Arrangements) (Meetings and Access to Information) (England) Regulations 2012).
public enum PlanNotice: String, Codable, Sendable, CaseIterable {
    /// On the published plan at least 28 clear days before the decision (regulations 5(2) and 9(1)).
    case inTime = "in-time"
    /// Later, but at least 5 clear days before, with the chair of the scrutiny committee told and a public notice of
    /// the reasons (regulation 10, the general exception).
    case generalException = "general-exception"
    /// Later still, with the scrutiny chair's agreement that the decision is urgent and cannot reasonably be deferred
    /// (regulation 11, special urgency).
    case specialUrgency = "special-urgency"

    public var label: String {
        switch self {
        case .inTime: "Notice given \(ForwardPlanRule.noticeClearDays) clear days ahead"
        case .generalException: "General exception (regulation 10)"
        case .specialUrgency: "Special urgency (regulation 11)"
        }
    }
}

/// One matter on a body's forward plan: what is to be decided, when, whether it is a key decision, and whether it will
/// be taken in private and under which Schedule 12A paragraph.
public struct PlanEntry: Codable, Sendable, Equatable {
    public var id: Int64?
    public var bodyId: Int64
    public var title: String
    /// `yyyy-MM-dd`: the day the decision is expected.
    public var expectedOn: String
    public var isKeyDecision: Bool
    /// Set when the matter will be taken in private.
    public var exemptParagraph: ExemptParagraph?
    public var publishedAt: Date
    public var notice: PlanNotice
    /// Why the general exception or special urgency applied, and who agreed; shown publicly.
    public var noticeReason: String?

    public init(
        id: Int64? = nil, bodyId: Int64, title: String, expectedOn: String, isKeyDecision: Bool, exemptParagraph: ExemptParagraph? = nil,
        publishedAt: Date, notice: PlanNotice, noticeReason: String? = nil
    ) {
        self.id = id
        self.bodyId = bodyId
        self.title = title
        self.expectedOn = expectedOn
        self.isKeyDecision = isKeyDecision
        self.exemptParagraph = exemptParagraph
        self.publishedAt = publishedAt
        self.notice = notice
        self.noticeReason = noticeReason
    }

    public var isPrivate: Bool { exemptParagraph != nil }
}

/// The notice periods of the 2012 Regulations, in one place for the store, the CLI and the pages.
public enum ForwardPlanRule {
    /// Regulations 5(2) and 9(1): 28 clear days.
    public static let noticeClearDays = 28
    /// Regulation 10(1)(c): the general exception still needs 5 clear days' public notice.
    public static let generalExceptionClearDays = 5

    /// The last day a matter can join the plan and leave `clearDays` clear days before `decision` (both days left out).
    public static func lastDay(before decision: Day, clearDays: Int) -> Day { decision.adding(days: -(clearDays + 1)) }

    /// The notice an entry published on `publishedOn` for a decision on `expectedOn` stands on: in time, or the
    /// exception asked for, with its reason. Only key decisions and private matters need the 28 days.
    public static func notice(
        isKeyDecision: Bool, isPrivate: Bool, publishedOn: Day, expectedOn: Day, asked: PlanNotice?, reason: String?
    ) throws -> (PlanNotice, String?) {
        guard expectedOn >= publishedOn else { throw TownhallError.invalid("the decision is expected before the plan that announces it") }
        let lastInTime = lastDay(before: expectedOn, clearDays: noticeClearDays)
        if !(isKeyDecision || isPrivate) || publishedOn <= lastInTime {
            guard asked == nil || asked == .inTime else {
                throw TownhallError.invalid("the matter is on the plan in time; no exception is needed")
            }
            return (.inTime, nil)
        }
        guard let asked, asked != .inTime else {
            throw TownhallError.invalid(
                "a key decision or private matter must be on the plan by \(lastInTime), \(noticeClearDays) clear days before \(expectedOn); "
                    + "record the general exception or special urgency and its reasons")
        }
        guard let reason = reason?.trimmedOrNil else {
            throw TownhallError.invalid("give the reasons for the \(asked == .generalException ? "general exception" : "special urgency"), which are published")
        }
        let lastForException = lastDay(before: expectedOn, clearDays: generalExceptionClearDays)
        if asked == .generalException, publishedOn > lastForException {
            throw TownhallError.invalid(
                "the general exception needs \(generalExceptionClearDays) clear days' notice, so by \(lastForException); "
                    + "after that only special urgency, agreed by the scrutiny chair, applies")
        }
        if asked == .specialUrgency, publishedOn <= lastForException {
            throw TownhallError.invalid(
                "there are still \(generalExceptionClearDays) clear days before \(expectedOn), so the general exception (regulation 10) applies; special urgency "
                    + "(regulation 11) is for a decision that cannot wait that long")
        }
        return (asked, reason)
    }
}
