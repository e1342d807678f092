import Foundation
import GRDB
import TownhallDomain

extension Authority: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "authority"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Body: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "body"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Person: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "person"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Membership: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "membership"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Location: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "location"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Meeting: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "meeting"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AgendaItem: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "agendaItem"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Paper: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "paper"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Attachment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attachment"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
