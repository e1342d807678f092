import Foundation
import GRDB

/// A council; bodies such as Policing Boards are built from the councils of an area.
public struct Authority: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var kind: AuthorityKind
    public static let databaseTableName = "authority"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A body that meets in public: board, panel, committee or peer challenge team.
public struct Body: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var kind: BodyKind
    public var description: String
    public var area: String
    /// How long organisations have to respond to this body's recommendations; nil means the default for its kind.
    public var responseRule: String? = nil
    public var dueSoonWorkingDays: Int = 10
    public var longOverdueWorkingDays: Int = 20
    public static let databaseTableName = "body"

    public var rule: ResponseRule { responseRule.flatMap { try? ResponseRule(parsing: $0) } ?? .standard(for: kind) }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A member, officer or witness; `title` is a public job title such as "Leader, Harford City Council".
public struct Person: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var title: String
    public static let databaseTableName = "person"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A seat held on a body for a period; dates are calendar days (yyyy-MM-dd) in local time.
public struct Membership: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var personId: Int64
    public var bodyId: Int64
    public var role: MembershipRole
    public var authorityId: Int64?
    public var startDate: String
    public var endDate: String?
    /// What the member represents (council leader, parent representative...); required where the body's kind has categories.
    public var category: SeatCategory? = nil
    public static let databaseTableName = "membership"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Where a meeting takes place.
public struct Location: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var name: String
    public var address: String
    public static let databaseTableName = "location"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A meeting of a body. Times are stored in UTC; `agendaPublishedAt` gates the public agenda.
public struct Meeting: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var bodyId: Int64
    public var title: String
    public var startsAt: Date
    public var endsAt: Date?
    public var locationId: Int64?
    public var status: MeetingStatus
    public var agendaPublishedAt: Date?
    /// Why the agenda was published later than the five-clear-working-days rule allows; shown publicly.
    public var lateReason: String?
    /// The LPAC inquiry this meeting is an evidence session of.
    public var inquiryId: Int64? = nil
    public static let databaseTableName = "meeting"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One item of business. An exempt item shows the public only its title and Schedule 12A paragraph.
public struct AgendaItem: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var meetingId: Int64
    public var position: Int
    public var number: String
    public var title: String
    public var itemType: AgendaItemType
    public var isExempt: Bool
    public var exemptParagraph: ExemptParagraph?
    public var decision: String?
    public static let databaseTableName = "agendaItem"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A report or paper written in Markdown. `html` is rendered once, at publication, and served as is.
public struct Paper: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var agendaItemId: Int64
    public var title: String
    public var author: String
    public var markdown: String
    public var html: String?
    public var status: PaperStatus
    public var revision: Int
    public var publishedAt: Date?
    public var createdAt: Date
    /// The revision this one replaces when published.
    public var previousRevisionId: Int64? = nil
    public var supersededAt: Date? = nil
    public var withdrawnAt: Date? = nil
    public var withdrawalReason: String? = nil
    /// Why the paper was published after the five-clear-working-days deadline; shown publicly.
    public var lateReason: String? = nil
    public var kind: PaperKind = .report
    public static let databaseTableName = "paper"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A file attached to an agenda item (and optionally to one of its papers); bytes live on disk.
public struct Attachment: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var agendaItemId: Int64
    public var paperId: Int64?
    public var fileName: String
    public var mediaType: String
    public var size: Int
    public var sha256: String
    public var storagePath: String
    public var createdAt: Date
    public static let databaseTableName = "attachment"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
