import Foundation

/// What a follower is told about (issue 19). Each is written once, as a public event, when the thing it reports
/// becomes public; nothing draft, exempt or unpublished is ever one.
public enum AlertKind: String, CaseIterable, Codable, Sendable {
    case agendaPublished = "agenda-published"
    case paperPublished = "paper-published"
    case paperRevised = "paper-revised"
    case meetingPostponed = "meeting-postponed"
    case meetingCancelled = "meeting-cancelled"
    case responseReceived = "response-received"
    case recommendationOverdue = "recommendation-overdue"
    case implementationUpdate = "implementation-update"
    case planEntry = "plan-entry"

    public var label: String {
        switch self {
        case .agendaPublished: "Agenda published"
        case .paperPublished: "Paper published"
        case .paperRevised: "Paper revised"
        case .meetingPostponed: "Meeting postponed"
        case .meetingCancelled: "Meeting cancelled"
        case .responseReceived: "Response received"
        case .recommendationOverdue: "Response overdue"
        case .implementationUpdate: "Implementation update"
        case .planEntry: "New forward plan entry"
        }
    }
}

/// What an event links to: the page a follower opens to read it.
public enum EventLink: Hashable, Sendable {
    case meeting(Int64), paper(Int64), recommendation(Int64), body(String)

    public var kind: String {
        switch self {
        case .meeting: "meeting"
        case .paper: "paper"
        case .recommendation: "recommendation"
        case .body: "body"
        }
    }

    public var key: String {
        switch self {
        case .meeting(let id), .paper(let id), .recommendation(let id): String(id)
        case .body(let slug): slug
        }
    }

    public init?(kind: String, key: String) {
        switch kind {
        case "meeting": guard let id = Int64(key) else { return nil }; self = .meeting(id)
        case "paper": guard let id = Int64(key) else { return nil }; self = .paper(id)
        case "recommendation": guard let id = Int64(key) else { return nil }; self = .recommendation(id)
        case "body": self = .body(key)
        default: return nil
        }
    }
}

/// Something that became public, told to those who follow any of its targets and listed in their Atom feeds.
public struct PublicEvent: Sendable, Equatable {
    public var id: Int64?
    public var kind: AlertKind
    /// One line: what happened and to what ("Harford Policing Board, 12 January 2027: agenda published").
    public var title: String
    /// A reason, a status or a summary; may be empty.
    public var detail: String
    public var link: EventLink
    public var at: Date

    public init(id: Int64? = nil, kind: AlertKind, title: String, detail: String = "", link: EventLink, at: Date) {
        self.id = id
        self.kind = kind
        self.title = title
        self.detail = detail
        self.link = link
        self.at = at
    }
}

/// Limits that keep following from being used to flood an inbox or the site (issue 19: spam and abuse).
public enum FollowLimits {
    /// Confirmation requests one address may be sent in a day; more are refused with a clear message.
    public static let confirmationsPerAddressPerDay = 5
    /// Follow requests one network address may make in an hour.
    public static let requestsPerClientPerHour = 30
    /// Follows one address may hold.
    public static let followsPerAddress = 100
    /// Messages of any kind sent to one address in an hour; the rest wait in the outbox for the next hour.
    public static let messagesPerAddressPerHour = 20
    /// Messages sent in all in an hour, so a burst of alerts cannot get the relay to refuse the site's mail.
    public static let messagesPerHour = 2_000
    /// A confirmation link works this long; an unconfirmed follow is then forgotten.
    public static let confirmationLifetime: TimeInterval = 7 * 24 * 3600
}
