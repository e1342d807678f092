import Foundation
import GRDB
import TownhallDomain

extension BodyCouncil: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "bodyCouncil"
}

extension BoardDecision: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "boardDecision"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Inquiry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "inquiry"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Witness: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "witness"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PeerChallenge: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "peerChallenge"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
