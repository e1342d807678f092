import Foundation
import Testing
@testable import TownhallWeb

/// `JSONValue.data()` writes JSON itself (issue 15): what it writes must parse back to the same value, and for the
/// keys and values the API uses it is byte for byte what `JSONEncoder` with sorted keys and unescaped slashes wrote.
@Suite("JSON text")
struct JSONValueTests {
    static let awkward = [
        "", "plain", "quote \" and backslash \\ and slash /", "tab\tnew line\ncarriage\rreturn", "\u{8}\u{c}\u{0}\u{1f}\u{7f}",
        "£1,150,000 – Zoë’s café 🚓", "<script>alert(1)</script>", "https://example.test/oparl/v1.1/bodies/1?page=2",
    ]

    /// A nested value of every case, with the strings above as values and keys.
    static func sample(_ seed: Int) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (index, text) in awkward.enumerated() {
            members["key\(index)"] = .string(text)
            members[text.isEmpty ? "empty" : text] = .int(Int64(index * seed) - 3)
        }
        members["flags"] = .array([.bool(true), .bool(false), .int(Int64.min), .int(Int64.max), .array([]), .object([:])])
        members["nested"] = .object(["modified": .string("2026-12-03T10:00:00+00:00"), "deleted": .bool(false)])
        return .object(members)
    }

    /// Foundation's reading of the text, as a comparable value.
    static func parsed(_ data: Data) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? NSObject)
    }

    static func expected(_ value: JSONValue) -> Any {
        switch value {
        case .string(let text): text
        case .int(let number): NSNumber(value: number)
        case .bool(let flag): NSNumber(value: flag)
        case .array(let values): values.map(expected)
        case .object(let members): members.mapValues(expected)
        }
    }

    @Test func theTextParsesBackToTheSameValue() throws {
        for seed in 1...5 {
            let value = Self.sample(seed)
            let data = try value.data()
            #expect(try Self.parsed(data).isEqual(Self.expected(value)), "\(String(decoding: data, as: UTF8.self))")
        }
        for text in Self.awkward {
            #expect(try Self.parsed(try JSONValue.string(text).data()) as? String == text, "\(text)")
        }
    }

    @Test func aMeetingRowIsWhatJSONEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for text in Self.awkward {
            let row = MeetingLine(id: 7, body: text, bodySlug: "b", title: text, startsAt: "2027-01-20T10:00:00+00:00", endsAt: "",
                                  location: text, status: "scheduled", agendaPublished: true, url: "https://example.test/meetings/7")
            #expect(String(decoding: JSONValue.array(ofSortedObjects: [row.jsonMembers, row.jsonMembers]), as: UTF8.self)
                == String(decoding: try encoder.encode([row, row]), as: UTF8.self))
            let keys = row.jsonMembers.map(\.0)
            #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } && Set(keys) == Set(MeetingLine.columns))
        }
        #expect(String(decoding: JSONValue.array(ofSortedObjects: []), as: UTF8.self) == "[]")
    }

    @Test func forTheAPIsKeysItIsWhatJSONEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let values: [JSONValue] = Self.awkward.map { text in
            .object([
                "id": .string("https://example.test/oparl/v1.1/papers/1"), "name": .string(text), "type": .string("https://schema.oparl.org/1.1/Paper"),
                "keyword": .array([.string(text), .string("a")]), "created": .string("2026-12-03T10:00:00+00:00"), "deleted": .bool(false),
                "mainFile": .object(["accessUrl": .string("/a"), "size": .int(1234), "mimeType": .string("text/html")]), "web": .string("/p"),
                "website": .string("/w"), "shortName": .string(text), "schedule12AParagraph": .int(3), "expectedOn": .string("2027-01-20"),
            ])
        }
        for value in values {
            #expect(String(decoding: try value.data(), as: UTF8.self) == String(decoding: try encoder.encode(value), as: UTF8.self))
        }
    }
}
