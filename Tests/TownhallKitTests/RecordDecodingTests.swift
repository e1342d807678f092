import Foundation
import GRDB
import Testing
@testable import TownhallDomain
@testable import TownhallStore

/// Issue 15: the hand-written `init(row:)` of the records public pages read (`Records/RowDecoding.swift`) gives
/// exactly what GRDB's Codable decoding gave, row for row, and fails as it did on a value it cannot hold.
@Suite("Record decoding")
struct RecordDecodingTests {
    /// A record decoded the Codable way, as GRDB did before the hand-written decoders.
    struct ByCodable<T: Decodable>: Decodable, FetchableRecord {
        let value: T
        init(from decoder: any Decoder) throws { value = try T(from: decoder) }
    }

    @Test func handWrittenDecodingMatchesCodableOnEveryDemoRow() throws {
        let store = try TestStore(seeded: true)
        try store.database.writer.read { db in
            func check<T: FetchableRecord & Decodable & Equatable>(_ table: String, _ type: T.Type) throws {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id")
                #expect(rows.count > 3, "\(table) has rows to compare")
                let handWritten = try rows.map { try T(row: $0) }
                let codable = try rows.map { try ByCodable<T>(row: $0).value }
                #expect(handWritten == codable, "\(table)")
            }
            try check("body", Body.self)
            try check("meeting", Meeting.self)
            try check("agendaItem", AgendaItem.self)
            try check("paper", Paper.self)
        }
    }

    @Test func aValueARecordCannotHoldThrows() throws {
        let store = try TestStore(seeded: true)
        try store.database.writer.read { db in
            let meeting = try #require(try Row.fetchOne(db, sql: "SELECT * FROM meeting LIMIT 1"))
            var unknown = Dictionary(uniqueKeysWithValues: meeting.columnNames.map { ($0, meeting[$0] as DatabaseValue) })
            unknown["status"] = "postponed-forever".databaseValue
            #expect(throws: (any Error).self) { try Meeting(row: Row(unknown)) }
            var missing = Dictionary(uniqueKeysWithValues: meeting.columnNames.map { ($0, meeting[$0] as DatabaseValue) })
            missing["title"] = .null
            #expect(throws: (any Error).self) { try Meeting(row: Row(missing)) }
            missing["title"] = nil
            #expect(throws: (any Error).self) { try Meeting(row: Row(missing)) }
        }
    }
}
