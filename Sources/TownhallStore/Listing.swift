import GRDB
import TownhallDomain

extension AppDatabase {
    /// Every row of a table in insertion (rowid) order, for the CLI's list commands.
    public func list<Record: FetchableRecord & TableRecord>(_ type: Record.Type) throws -> [Record] {
        try writer.read { db in try Record.order(Column.rowID).fetchAll(db) }
    }
}
