import Foundation

/// Lifecycle of a meeting; cancelled and postponed meetings stay public so residents are not left guessing.
public enum MeetingStatus: String, Codable, Sendable, CaseIterable {
    case scheduled, cancelled, postponed, held

    public var label: String {
        switch self {
        case .scheduled: "Scheduled"
        case .cancelled: "Cancelled"
        case .postponed: "Postponed"
        case .held: "Held"
        }
    }

    /// Postponing or cancelling a meeting the public expects says why (issue 19); the reason is published.
    public var needsReason: Bool { self == .postponed || self == .cancelled }
}

/// Publication state of a paper. The public sees `published` papers and, so the record stays complete,
/// `superseded` revisions (marked as such); never drafts or withdrawn papers.
public enum PaperStatus: String, Codable, Sendable, CaseIterable {
    case draft, published, superseded, withdrawn

    public var isPublic: Bool { self == .published || self == .superseded }
}

/// What an agenda item is for, so residents can tell decisions from routine business.
public enum AgendaItemType: String, Codable, Sendable, CaseIterable {
    case procedural
    case report
    case decision
    case information
    case publicQuestions = "public-questions"

    public var label: String {
        switch self {
        case .procedural: "Procedural"
        case .report: "Report"
        case .decision: "For decision"
        case .information: "For information"
        case .publicQuestions: "Public questions"
        }
    }
}

extension Meeting {
    /// Whether the meeting's start time has come: before it, the meeting cannot be marked held.
    public func hasStarted(at now: Date) -> Bool { now >= startsAt }

    /// A meeting that has started but is still marked scheduled: nobody has recorded that it was held, postponed or
    /// cancelled, so the public record would call it "scheduled" for ever. The clerk's dashboard lists these.
    public func awaitsOutcome(at now: Date) -> Bool { status == .scheduled && hasStarted(at: now) }
}
