import Foundation
import GRDB
import TownhallDomain
import TownhallMarkdown

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

    /// The paper's columns, plus `text`, the rendered words that search indexes: derived from `html` on every
    /// write, so no path that stores a paper can leave the index holding other words than readers see.
    public func encode(to container: inout PersistenceContainer) throws {
        try OwnFields(paper: self).encode(to: &container)
        container["text"] = html.map(PlainText.of(html:))
    }

    /// GRDB's encoding of the paper's own Codable fields.
    private struct OwnFields: Encodable, EncodableRecord {
        let paper: Paper
        func encode(to encoder: any Encoder) throws { try paper.encode(to: encoder) }
    }
}

extension Attachment: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attachment"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
