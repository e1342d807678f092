import Foundation
import Testing
@testable import TownhallMarkdown

@Suite("Markdown pipe tables")
struct PipeTableTests {
    let renderer = MarkdownRenderer()

    @Test func aPipeTableBecomesTheSameAccessibleTableAsACSVBlock() {
        let html = renderer.render("""
        Spending by service:

        | Service | 2026/27 | 2027/28 |
        |---------|--------:|:-------:|
        | Custody | 4,210   | 4,380   |
        | **Fleet** with [a link](https://example.org) | `1,000` |

        After.
        """).html
        #expect(html.contains("<p>Spending by service:</p>"))
        #expect(html.contains("<table>") && html.contains("<th scope=\"col\">Service</th><th scope=\"col\">2026/27</th><th scope=\"col\">2027/28</th>"))
        #expect(html.contains("<td>Custody</td><td class=\"numeric\">4,210</td><td class=\"numeric\">4,380</td>"))
        #expect(html.contains("<td><strong>Fleet</strong> with <a href=\"https://example.org\">a link</a></td><td><code>1,000</code></td><td></td>"),
                "inline Markdown in cells, a short row padded")
        #expect(html.contains("<p>After.</p>"))
        #expect(!html.contains("|---"), "the delimiter row is not shown")
    }

    @Test func cellsAreAsSafeAsTheRestOfAPaper() {
        let html = renderer.render("""
        | A | B |
        | - | - |
        | [x](javascript:alert(1)) | <script>alert(1)</script> |
        | # Not a heading | a \\| pipe |
        """).html
        #expect(!html.contains("javascript:") && !html.contains("<script"))
        #expect(html.contains("<td># Not a heading</td>"), "cells are inline only")
        #expect(html.contains("<td>a | pipe</td>"))
    }

    @Test func textWithPipesThatIsNoTableStaysAParagraph() {
        let html = renderer.render("""
        Either this | or that
        and nothing more.

        | Header only |
        no delimiter row here
        """).html
        #expect(!html.contains("<table>"))
        #expect(html.contains("<p>Either this | or that\nand nothing more.</p>"))
    }

    @Test func aTableInsideAListIsLeftAsTyped() {
        let html = renderer.render("- item\n\n  | A | B |\n  |---|---|\n  | 1 | 2 |\n").html
        #expect(!html.contains("<table>"))
    }
}
