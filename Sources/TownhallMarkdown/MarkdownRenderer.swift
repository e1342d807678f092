import CCmark
import Foundation
import TownhallDomain

/// The result of rendering a paper: safe HTML plus what a clerk should fix before publishing.
public struct RenderedMarkdown: Sendable, Equatable {
    public var html: String
    public var headings: [Heading]
    public var problems: [String]

    public struct Heading: Sendable, Equatable {
        public var level: Int
        public var id: String
        public var text: String

        public init(
            level: Int, id: String, text: String
        ) {
            self.level = level
            self.id = id
            self.text = text
        }
    }

    public init(
        html: String, headings: [Heading], problems: [String]
    ) {
        self.html = html
        self.headings = headings
        self.problems = problems
    }
}

/// Renders Markdown with libcmark's parser and our own walk of its node tree. We write every tag ourselves,
/// so raw HTML is dropped, only http(s), mailto, tel and relative links survive, headings get stable ids,
/// and fenced `csv`/`table` blocks become accessible tables. The walk is iterative, so deep nesting cannot
/// exhaust the stack.
public struct MarkdownRenderer: Sendable {
    /// Starts every heading id in a paper, so a paper's "Recommendations" or "Title" never takes an id of the page
    /// it is shown on (the clerk's `#recommendations`, a form's `title` field): no template id starts with it
    /// (`FormFieldTests`). Papers published before it keep the ids they were published with.
    public static let headingIdPrefix = "h-"

    public init() {}

    public func render(_ markdown: String) -> RenderedMarkdown {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), options) }) else {
            return RenderedMarkdown(html: "", headings: [], problems: ["the paper could not be parsed"])
        }
        defer { cmark_node_free(document) }
        var state = RenderState()
        state.sourceLines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        state.headingShift = 2 - Self.topHeadingLevel(document)
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            state.visit(node, entering: entering, iterator: iterator)
        }
        return RenderedMarkdown(html: state.out, headings: state.headings, problems: state.problems)
    }

    /// The highest heading level used (1 for `#`), so the paper's top headings can sit at h2 under the page's h1.
    static func topHeadingLevel(_ document: OpaquePointer) -> Int {
        var top = 2
        var seen = false
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_HEADING else { continue }
            let level = Int(cmark_node_get_heading_level(node))
            top = seen ? min(top, level) : level
            seen = true
        }
        return top
    }
}

private struct RenderState {
    var out = ""
    var headings: [RenderedMarkdown.Heading] = []
    var problems: [String] = []
    var usedIds: [String: Int] = [:]
    /// Added to every heading level (capped at 6) so a paper's outline starts at h2.
    var headingShift = 0
    /// The Markdown's lines, for reading a pipe table as it was typed.
    var sourceLines: [Substring] = []

    mutating func visit(_ node: OpaquePointer, entering: Bool, iterator: OpaquePointer?) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_DOCUMENT:
            break
        case CMARK_NODE_BLOCK_QUOTE:
            out += entering ? "<blockquote>\n" : "</blockquote>\n"
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            if entering {
                let start = cmark_node_get_list_start(node)
                out += ordered ? (start > 1 ? "<ol start=\"\(start)\">\n" : "<ol>\n") : "<ul>\n"
            } else {
                out += ordered ? "</ol>\n" : "</ul>\n"
            }
        case CMARK_NODE_ITEM:
            out += entering ? "<li>" : "</li>\n"
        case CMARK_NODE_PARAGRAPH:
            if entering, let table = pipeTable(node) {
                out += TableHTML.render(table)
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                break
            }
            if !isInTightList(node) { out += entering ? "<p>" : "</p>\n" }
        case CMARK_NODE_HEADING:
            let level = min(6, Int(cmark_node_get_heading_level(node)) + headingShift)
            if entering {
                let text = plainText(of: node)
                let id = uniqueId(for: text)
                headings.append(.init(level: level, id: id, text: text))
                out += "<h\(level) id=\"\(HTMLEscape.text(id))\">"
            } else {
                out += "</h\(level)>\n"
            }
        case CMARK_NODE_THEMATIC_BREAK:
            out += "<hr>\n"
        case CMARK_NODE_CODE_BLOCK:
            codeBlock(node)
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
            break  // raw HTML is never passed through
        case CMARK_NODE_TEXT:
            out += HTMLEscape.text(literal(node))
        case CMARK_NODE_SOFTBREAK:
            out += "\n"
        case CMARK_NODE_LINEBREAK:
            out += "<br>\n"
        case CMARK_NODE_CODE:
            out += "<code>" + HTMLEscape.text(literal(node)) + "</code>"
        case CMARK_NODE_EMPH:
            out += entering ? "<em>" : "</em>"
        case CMARK_NODE_STRONG:
            out += entering ? "<strong>" : "</strong>"
        case CMARK_NODE_LINK:
            guard let url = Self.safeURL(string(cmark_node_get_url(node))) else { break }
            if entering {
                let title = string(cmark_node_get_title(node))
                out += "<a href=\"\(HTMLEscape.text(url))\""
                out += title.isEmpty ? ">" : " title=\"\(HTMLEscape.text(title))\">"
            } else {
                out += "</a>"
            }
        case CMARK_NODE_IMAGE:
            guard entering else { break }
            let alt = plainText(of: node)
            if let url = Self.safeURL(string(cmark_node_get_url(node))), !url.lowercased().hasPrefix("mailto:"), !url.lowercased().hasPrefix("tel:") {
                out += "<img src=\"\(HTMLEscape.text(url))\" alt=\"\(HTMLEscape.text(alt))\">"
            } else {
                out += HTMLEscape.text(alt)
            }
            cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
        default:
            break
        }
    }

    private mutating func codeBlock(_ node: OpaquePointer) {
        let info = string(cmark_node_get_fence_info(node)).trimmingCharacters(in: .whitespaces)
        let words = info.split(separator: " ", maxSplits: 1)
        let language = words.first.map(String.init)?.lowercased() ?? ""
        let source = literal(node)
        if language == "csv" || language == "table" {
            let caption = words.count > 1 ? String(words[1]).trimmingCharacters(in: .whitespaces) : ""
            do {
                out += TableHTML.render(try CSVTable.parse(source), caption: caption)
            } catch {
                problems.append("Table\(caption.isEmpty ? "" : " \u{201C}\(caption)\u{201D}"): \(error.message)")
                out += "<div class=\"markdown-error\" role=\"note\"><p><strong>This table could not be shown:</strong> "
                out += HTMLEscape.text(error.message) + ".</p>\n<pre><code>" + HTMLEscape.text(source) + "</code></pre></div>\n"
            }
            return
        }
        let classAttribute = language.isEmpty ? "" : " class=\"language-\(HTMLEscape.text(language))\""
        out += "<pre><code\(classAttribute)>" + HTMLEscape.text(source) + "</code></pre>\n"
    }

    /// A top-level paragraph that is a pipe table as typed, or nil.
    private func pipeTable(_ node: OpaquePointer) -> PipeTable? {
        guard let parent = cmark_node_parent(node), cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT else { return nil }
        let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
        guard first >= 1, last >= first + 1, last <= sourceLines.count else { return nil }
        return PipeTable.parse(Array(sourceLines[(first - 1)..<last]))
    }

    private func isInTightList(_ node: OpaquePointer) -> Bool {
        guard let item = cmark_node_parent(node), cmark_node_get_type(item) == CMARK_NODE_ITEM,
              let list = cmark_node_parent(item)
        else { return false }
        return cmark_node_get_list_tight(list) != 0
    }

    /// The heading's id: `MarkdownRenderer.headingIdPrefix`, then its slug, numbered when it repeats.
    private mutating func uniqueId(for text: String) -> String {
        let slug = Slug.make(from: text)
        let base = slug.isEmpty ? "section" : slug
        let count = usedIds[base, default: 0] + 1
        usedIds[base] = count
        return MarkdownRenderer.headingIdPrefix + (count == 1 ? base : "\(base)-\(count)")
    }

    /// Text content of a subtree, iteratively.
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += literal(child)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    private func literal(_ node: OpaquePointer) -> String { string(cmark_node_get_literal(node)) }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// Keeps relative links and the http, https, mailto and tel schemes; drops javascript:, data:, vbscript: and
    /// anything else, including schemes hidden by control characters or entity tricks (cmark decodes entities first).
    static func safeURL(_ url: String) -> String? {
        let compact = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard let colon = compact.firstIndex(of: ":") else { return url }
        let beforeColon = compact[..<colon]
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return url }
        let scheme = beforeColon.lowercased()
        return ["http", "https", "mailto", "tel"].contains(scheme) ? url : nil
    }
}

/// HTML for a parsed table: a caption when given, column headers with scope, numbers marked for alignment.
enum TableHTML {
    static func render(_ table: CSVTable, caption: String) -> String {
        let label = caption.isEmpty ? "Table" : caption
        var html = "<div class=\"table-wrapper\" role=\"region\" aria-label=\"\(HTMLEscape.text(label))\" tabindex=\"0\">\n<table>\n"
        if !caption.isEmpty { html += "<caption>\(HTMLEscape.text(caption))</caption>\n" }
        html += "<thead>\n<tr>"
        for cell in table.header { html += "<th scope=\"col\">\(HTMLEscape.text(cell))</th>" }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for cell in row {
                html += isNumeric(cell) ? "<td class=\"numeric\">" : "<td>"
                html += HTMLEscape.text(cell) + "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    /// A pipe table: each cell's inline Markdown rendered by the same writer (so a link or emphasis in a cell is
    /// as safe as anywhere in a paper), numbers marked for alignment by the cell's text.
    static func render(_ table: PipeTable) -> String {
        func inline(_ cell: String) -> String {
            guard !cell.isEmpty else { return "" }
            let html = MarkdownRenderer().render(cell).html.trimmingCharacters(in: .whitespacesAndNewlines)
            // Inline content only, as on GitHub: a cell that reads as a heading, list or quote is shown as typed.
            guard html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 else { return HTMLEscape.text(cell) }
            return String(html.dropFirst(3).dropLast(4))
        }
        var html = "<div class=\"table-wrapper\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\n<table>\n<thead>\n<tr>"
        for cell in table.header { html += "<th scope=\"col\">\(inline(cell))</th>" }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for cell in row { html += (isNumeric(cell) ? "<td class=\"numeric\">" : "<td>") + inline(cell) + "</td>" }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    /// Money, counts and percentages such as "£1,250,000", "(3.5)", "-12%".
    static func isNumeric(_ cell: String) -> Bool {
        let stripped = cell.filter { !"£$€,%()+- ".contains($0) }
        return !stripped.isEmpty && stripped.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && stripped.filter({ $0 == "." }).count <= 1
    }
}
