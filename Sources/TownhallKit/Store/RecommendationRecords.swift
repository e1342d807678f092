import Foundation
import GRDB

/// A public service commissioner or provider that receives recommendations and must respond.
public struct Organisation: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var kind: OrganisationKind
    public static let databaseTableName = "organisation"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Stored lifecycle of a recommendation; the response states are derived from submitted responses and dates.
public enum RecommendationStatus: String, Codable, Sendable {
    case draft, issued, referred, closed
}

/// One numbered recommendation of a published report, addressed to one organisation.
public struct Recommendation: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
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
    public static let databaseTableName = "recommendation"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A recorded extension of a response deadline, shown publicly with its reason.
public struct DeadlineExtension: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var recommendationId: Int64
    public var previousDueOn: String
    public var newDueOn: String
    public var reason: String
    public var at: Date
    public var byName: String
    public static let databaseTableName = "deadlineExtension"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public enum ResponseStatus: String, Codable, Sendable {
    case draft, submitted
}

/// An organisation's response to the recommendations of one report. Versions are never changed once
/// submitted (the database refuses it); a correction is a new version.
public struct ProviderResponse: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var paperId: Int64
    public var organisationId: Int64
    public var version: Int
    public var status: ResponseStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var submittedAt: Date?
    public var submittedBy: String?
    public static let databaseTableName = "response"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The answer to one recommendation within a response.
public struct ResponseItem: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var responseId: Int64
    public var recommendationId: Int64
    public var decision: ResponseDecision?
    public var reasons: String
    public var action: String
    public var targetDate: String?
    public static let databaseTableName = "responseItem"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A dated progress report on an accepted recommendation.
public struct ImplementationUpdate: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var recommendationId: Int64
    public var status: ImplementationStatus
    public var note: String
    public var targetDate: String?
    public var at: Date
    public var byName: String
    public static let databaseTableName = "implementationUpdate"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public enum NotificationKind: String, Codable, Sendable, CaseIterable {
    case issued
    case dueSoon = "due-soon"
    case overdue
    case responseReceived = "response-received"
    /// An annual report or peer challenge follow-up that is due soon or overdue.
    case dutyReminder = "duty-reminder"
    /// A self-service password reset link.
    case passwordReset = "password-reset"
}

/// An e-mail waiting to be sent, written in the same transaction as the change it reports.
public struct OutboxMessage: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
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
    public static let databaseTableName = "outbox"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
