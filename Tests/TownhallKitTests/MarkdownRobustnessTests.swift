import Foundation
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Pathological Markdown, each input at or near the size limit a clerk may submit: the renderer must finish within
/// a time bound (generous, for a debug build on a busy CI machine), keep raw HTML out and never crash.
@Suite("Markdown under pathological input")
struct MarkdownRobustnessTests {
    static let limit = TextLimits.markdownCharacters
    /// A linear renderer does any of these in well under a second; a quadratic one takes minutes.
    static let bound = Duration.seconds(5)

    static func csvTable(rows: Int, columns: Int) -> String {
        let header = (1...columns).map { "Column \($0)" }.joined(separator: ",")
        let row = (1...columns).map { "\"\($0),5\"" }.joined(separator: ",")
        return "```csv Huge table\n" + header + "\n" + Array(repeating: row, count: rows).joined(separator: "\n") + "\n```\n"
    }

    static let corpus: [(String, String)] = [
        ("deeply nested block quotes", String(repeating: ">", count: 100_000) + " deep"),
        ("deeply nested list items", String(repeating: "* ", count: 100_000) + "deep"),
        ("deeply nested ordered lists", String(repeating: "1. ", count: 100_000) + "deep"),
        ("unclosed link brackets", String(repeating: "[", count: 200_000) + "a"),
        ("nested link brackets", String(repeating: "[", count: 100_000) + "a" + String(repeating: "](b)", count: 50_000)),
        ("nested images", String(repeating: "![", count: 100_000) + "a" + String(repeating: "](b)", count: 50_000)),
        ("unmatched emphasis", String(repeating: "*a _b ", count: 80_000)),
        ("emphasis runs", String(repeating: "*", count: 200_000) + "a" + String(repeating: "_", count: 200_000)),
        ("alternating emphasis openers", String(repeating: "a**b_", count: 100_000)),
        ("backtick runs of growing length", (1...900).map { String(repeating: "`", count: $0) + "x" }.joined(separator: " ")),
        ("raw HTML open tags", String(repeating: "<div><script>alert(1)</script>", count: 15_000)),
        ("unclosed HTML comment", "<!--" + String(repeating: "-- a ", count: 90_000)),
        ("entities", String(repeating: "&#x0;&#99999999;&amp;&quot;&javascript;", count: 10_000)),
        ("link reference definitions", (1...10_000).map { "[r\($0)]: /p/\($0) \"t\"" }.joined(separator: "\n")
            + "\n\n" + (1...10_000).map { "[r\($0)]" }.joined(separator: " ")),
        ("one very long line", String(repeating: "a", count: limit)),
        ("many identical headings", String(repeating: "## Same heading\n", count: 30_000)),
        ("huge table", csvTable(rows: 3_800, columns: 20)),
        ("unterminated quoted table cell", "```csv\na,b\n\"" + String(repeating: "x", count: 400_000) + "\n```"),
        ("table with ragged rows", "```csv\na,b,c\n" + String(repeating: "1,2\n", count: 100_000) + "```"),
        ("many fenced blocks", String(repeating: "```\ncode\n```\n", count: 38_000)),
        ("tab-indented nesting", (0..<2_000).map { String(repeating: "\t", count: $0 % 200) + "- x" }.joined(separator: "\n")),
        ("javascript links", String(repeating: "[x](javascript:alert(1)) [y](JaVaScRiPt&#58;alert(1)) ", count: 8_000)),
        ("NUL and control characters", String(repeating: "a\u{0}b\u{1}c\u{7F}\u{202E}d\u{200B}", count: 50_000)),
    ]

    @Test(arguments: corpus.map(\.0))
    func rendersWithinTimeBound(_ name: String) throws {
        let input = try #require(Self.corpus.first { $0.0 == name }?.1)
        #expect(input.unicodeScalars.count <= Self.limit, "the corpus stays within what a clerk may submit")
        let clock = ContinuousClock()
        var rendered = RenderedMarkdown(html: "", headings: [], problems: [])
        let elapsed = clock.measure { rendered = MarkdownRenderer().render(input) }
        #expect(elapsed < Self.bound, "\(name) took \(elapsed)")
        let html = rendered.html.lowercased()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<div>"), "raw HTML kept out")
        #expect(!html.contains("javascript:"))
        #expect(!rendered.html.isEmpty || input.hasPrefix("<"), "\(name) rendered something")
    }

    @Test func hugeTableIsStillATable() {
        let rendered = MarkdownRenderer().render(Self.csvTable(rows: 3_800, columns: 20))
        #expect(rendered.problems.isEmpty)
        #expect(rendered.html.components(separatedBy: "<tr>").count - 1 == 3_801)
    }

    @Test func markdownOverTheLimitIsRefusedWithAClearMessage() throws {
        #expect(throws: Never.self) { try TextLimits.checkMarkdown(String(repeating: "a", count: Self.limit), what: "the paper") }
        let error = #expect(throws: TownhallError.self) {
            try TextLimits.checkMarkdown(String(repeating: "a", count: Self.limit + 1), what: "the paper")
        }
        #expect(error?.message.contains("the most allowed is 500,000") == true)
    }
}
