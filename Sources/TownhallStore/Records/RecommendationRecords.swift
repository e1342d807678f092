import Foundation
import GRDB
import TownhallDomain

extension Organisation: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "organisation"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Recommendation: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "recommendation"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension DeadlineExtension: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "deadlineExtension"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ExtensionRequest: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "extensionRequest"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension HoldingNote: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "holdingNote"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ReferralBody: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "referralBody"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ProviderResponse: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "response"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ResponseItem: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "responseItem"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ImplementationUpdate: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "implementationUpdate"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension OutboxMessage: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension RecommendationCallBack: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "recommendationCallBack"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
