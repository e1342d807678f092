/// The words of HTML that the renderer wrote, as a reader sees them: what the search index holds, so nothing the
/// renderer dropped (comments, raw HTML, link titles) can be found, and snippets show no Markdown syntax.
/// It reads only our own output, where every `<` in text is escaped, so a tag always runs from `<` to `>`.
public enum PlainText {
    /// Inline elements join their text to the words around them; every other tag separates words.
    static let inline: Set<Substring> = ["a", "abbr", "b", "code", "del", "em", "i", "s", "span", "strong", "sub", "sup"]

    public static func of(html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close]
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                if !inline.contains(name) { out.append(" ") }
                index = html.index(after: close)
            } else if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";"),
                      let decoded = entity(html[html.index(after: index)..<semicolon]) {
                out.append(decoded)
                index = html.index(after: semicolon)
            } else {
                out.append(character)
                index = html.index(after: index)
            }
        }
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The entities `HTMLEscape` writes, and numeric references.
    static func entity(_ name: Substring) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}

extension RenderedMarkdown {
    /// The rendered words, for the search index.
    public var text: String { PlainText.of(html: html) }
}
