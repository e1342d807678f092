import Foundation
import GRDB
import TownhallDomain

extension AttendanceRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attendance"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Declaration: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "declaration"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Minutes: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "minutes"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
