import Foundation
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Markdown rendering")
struct MarkdownTests {
    let renderer = MarkdownRenderer()

    @Test func commonMarkBasics() {
        let html = renderer.render("""
        # Title

        Some *emphasis*, **strong** and `code`.

        - one
        - two

        3. three
        4. four

        > quoted

        ---
        Line one\\
        line two
        """).html
        #expect(html.contains("<h2 id=\"h-title\">Title</h2>"))
        #expect(html.contains("<p>Some <em>emphasis</em>, <strong>strong</strong> and <code>code</code>.</p>"))
        #expect(html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"))
        #expect(html.contains("<ol start=\"3\">"))
        #expect(html.contains("<blockquote>\n<p>quoted</p>\n</blockquote>"))
        #expect(html.contains("<hr>"))
        #expect(html.contains("Line one<br>\nline two"))
    }

    @Test func headingsGetStableUniqueIdsAndStartAtH2() {
        let rendered = renderer.render("## Budget: 2027/28\n\n### Risks\n\n## Budget: 2027/28\n\n## £££")
        #expect(rendered.html.contains("<h2 id=\"h-budget-2027-28\">"))
        #expect(rendered.html.contains("<h3 id=\"h-risks\">"))
        #expect(rendered.html.contains("<h2 id=\"h-budget-2027-28-2\">"))
        #expect(rendered.html.contains("<h2 id=\"h-section\">"))
        #expect(rendered.headings.map(\.id) == ["h-budget-2027-28", "h-risks", "h-budget-2027-28-2", "h-section"])
        // Same input, same ids: links into a paper stay valid.
        #expect(renderer.render("## Budget: 2027/28").html == renderer.render("## Budget: 2027/28").html)
    }

    @Test func fencedCodeIsEscaped() {
        let html = renderer.render("```swift\nlet a = \"<b>\" && 1 < 2\n```").html
        #expect(html == "<pre><code class=\"language-swift\">let a = &quot;&lt;b&gt;&quot; &amp;&amp; 1 &lt; 2\n</code></pre>\n")
    }

    @Test func csvBlockBecomesAccessibleTable() {
        let rendered = renderer.render(#"""
        ```csv Spending (£)
        Area,"Budget, 2027",Note
        Policing,"1,250","He said ""yes"""
        Roads,300,
        ```
        """#)
        #expect(rendered.problems.isEmpty)
        let html = rendered.html
        #expect(html.contains("<caption>Spending (£)</caption>"))
        #expect(html.contains("<th scope=\"col\">Area</th><th scope=\"col\">Budget, 2027</th><th scope=\"col\">Note</th>"))
        #expect(html.contains("<td class=\"numeric\">1,250</td><td>He said &quot;yes&quot;</td>"))
        #expect(html.contains("<tr><td>Roads</td><td class=\"numeric\">300</td><td></td></tr>"))
        #expect(html.contains("role=\"region\" aria-label=\"Spending (£)\" tabindex=\"0\""))
    }

    @Test func tableInfoStringWorksToo() {
        let html = renderer.render("```table\nA,B\n1,2\n```").html
        #expect(html.contains("<th scope=\"col\">A</th>"))
        #expect(!html.contains("<caption>"))
    }

    @Test func quotedFieldsMayHoldLineBreaks() throws {
        let table = try CSVTable.parse("Name,Address\n\"Civic Centre\",\"Market Square\nHarford\"\n")
        #expect(table.rows == [["Civic Centre", "Market Square\nHarford"]])
    }

    @Test func raggedRowsGiveAClearErrorNotACrash() {
        let rendered = renderer.render("```csv Budget\nA,B,C\n1,2,3\n4,5\n```")
        #expect(rendered.problems == ["Table \u{201C}Budget\u{201D}: row 3 has 2 cells but the header has 3"])
        #expect(rendered.html.contains("<div class=\"markdown-error\" role=\"note\">"))
        #expect(rendered.html.contains("row 3 has 2 cells but the header has 3"))
        #expect(!rendered.html.contains("<table>"))
    }

    @Test(arguments: [
        ("A,B\n\"open,2\n", "a quote opened on line 2 is never closed"),
        ("A,B\n1,x\"y\n", "line 2 has a quote inside an unquoted cell; put the whole cell in quotes and double the inner quote"),
        ("A,B\n\"1\"z,2\n", "line 2 has text after a closing quote"),
        ("", "the table is empty; the first row must name the columns"),
    ])
    func malformedTablesAreReported(source: String, message: String) {
        #expect(throws: CSVTable.ParseError(message: message)) { try CSVTable.parse(source) }
    }

    /// Each must come out with no live script, handler or dangerous URL.
    @Test(arguments: [
        "<script>alert(1)</script>",
        "Hello <script>alert(1)</script> world",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://example.org/a.png)",
        "[x](https://example.org/\"onmouseover=\"alert(1))",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "`<script>alert(1)</script>`",
        "[x](https://example.org \"title\\\" onclick=\\\"alert(1)\")",
        "<<script>script>alert(1)<</script>/script>",
        "```csv\n<script>alert(1)</script>,\"<img src=x onerror=alert(1)>\"\n1,2\n```",
        "```csv <script>alert(1)</script>\nA\n1\n```",
        "```\"><script>alert(1)</script>\ncode\n```",
    ])
    func xssComesOutInert(source: String) {
        let html = renderer.render(source).html.lowercased()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<div style"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("vbscript:"))
        #expect(!html.contains("data:text"))
        // No attribute starting with "on" can appear inside a tag we wrote.
        // Attribute values are always double-quoted with inner quotes escaped, so removing them leaves names only.
        let tags = html.split(separator: "<").map { $0.prefix { $0 != ">" } }
        for tag in tags {
            let names = String(tag).replacingOccurrences(of: #""[^"]*""#, with: "", options: .regularExpression)
            let attributes = names.split(separator: " ").dropFirst()
            #expect(!attributes.contains { $0.hasPrefix("on") }, "event handler in <\(tag)>")
        }
    }

    @Test func safeLinksSurvive() {
        let html = renderer.render("[a](https://example.org/x?y=1&z=2) [b](/papers/3) [c](#risks) [d](mailto:clerk@example.org) [e](tel:+441234567890)").html
        #expect(html.contains("<a href=\"https://example.org/x?y=1&amp;z=2\">a</a>"))
        #expect(html.contains("<a href=\"/papers/3\">b</a>"))
        #expect(html.contains("<a href=\"#risks\">c</a>"))
        #expect(html.contains("<a href=\"mailto:clerk@example.org\">d</a>"))
        #expect(html.contains("<a href=\"tel:+441234567890\">e</a>"))
    }

    @Test func droppedLinkKeepsItsText() {
        #expect(renderer.render("[click here](javascript:alert(1))").html == "<p>click here</p>\n")
    }

    @Test func deepNestingDoesNotCrash() {
        let source = String(repeating: "> ", count: 5_000) + "deep" + "\n\n" + String(repeating: "*", count: 10_000) + "x"
        let html = renderer.render(source).html
        #expect(html.contains("deep"))
    }
}
