import GRDB

/// The public read paths' queries, compiled once per connection and then reused. Compiling afresh on every request
/// (SQLite's parser plus GRDB's authorizer, called once per column) was 8% of the CPU of a random paper read
/// (issue 15). The SQL passed here must be one of a fixed set (no values spliced in), since each connection keeps
/// every distinct statement it is given.
extension Database {
    func cachedRecord<T: FetchableRecord & TableRecord>(_ type: T.Type, id: Int64) throws -> T? {
        try T.fetchOne(cachedStatement(sql: "SELECT * FROM \(T.databaseTableName.quotedDatabaseIdentifier) WHERE id = ?"), arguments: [id])
    }

    func cachedRecords<T: FetchableRecord>(_ type: T.Type, _ sql: String, _ arguments: StatementArguments = []) throws -> [T] {
        try T.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    /// Each row decoded as it is stepped, where a column found by name is a dictionary lookup. A copied row
    /// (`Row.fetchAll`) finds a column by lowercasing and comparing every column name, which was a quarter of the
    /// time of the meetings download (issue 15).
    func cachedMap<T>(_ sql: String, _ arguments: StatementArguments = [], _ transform: (Row) throws -> T) throws -> [T] {
        let rows = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        var result: [T] = []
        while let row = try rows.next() { result.append(try transform(row)) }
        return result
    }

    func cachedRow(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    func cachedIds(_ sql: String, _ arguments: StatementArguments = []) throws -> [Int64] {
        try Int64.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }
}
