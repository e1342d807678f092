import Foundation

/// The recommendations a report states in its own Markdown: the items of the first numbered list under a heading
/// "Recommendations" (any level, a trailing colon allowed), up to the next heading, so the clerk does not type
/// them twice (issue 18). Each item's lines are joined as one text, as typed; an item's own sub-list or later
/// paragraphs stay part of it. Nothing is found without such a heading and list.
public enum RecommendationsInText {
    public static func items(in markdown: String) -> [String] {
        // Any line ending: a browser's form sends CRLF, which Swift reads as one newline character.
        let lines = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { String($0) }
        guard let heading = lines.firstIndex(where: isRecommendationsHeading) else { return [] }
        var items: [String] = []
        var current: [String]? = nil
        var blankSinceItem = false
        for line in lines[(heading + 1)...] {
            if headingLevel(line) != nil { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let text = orderedItem(line) {
                if let current { items.append(current.joined(separator: " ")) }
                current = [text]
                blankSinceItem = false
            } else if trimmed.isEmpty {
                blankSinceItem = current != nil
            } else if current != nil {
                // A continuation: indented, or (CommonMark's lazy continuation) straight after the item's text.
                if line.hasPrefix("  ") || line.hasPrefix("\t") || !blankSinceItem {
                    current!.append(trimmed)
                    blankSinceItem = false
                } else {
                    break
                }
            }
        }
        if let current { items.append(current.joined(separator: " ")) }
        return items.filter { !$0.isEmpty }
    }

    static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " || rest.first == "\t" ? hashes : nil
    }

    static func isRecommendationsHeading(_ line: String) -> Bool {
        guard let level = headingLevel(line) else { return false }
        var text = line.dropFirst(level).trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(":") { text.removeLast() }
        return text.lowercased() == "recommendations"
    }

    /// The text of an ordered list item (`1.` or `1)`, up to three spaces of indentation), or nil.
    static func orderedItem(_ line: String) -> String? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let after = rest.dropFirst(digits.count)
        guard let marker = after.first, marker == "." || marker == ")" else { return nil }
        let text = after.dropFirst()
        guard text.isEmpty || text.first == " " || text.first == "\t" else { return nil }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
