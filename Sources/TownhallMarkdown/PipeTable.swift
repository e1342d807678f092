/// A GitHub-style pipe table, the syntax clerks already type:
///
///     | Service | 2026/27 | 2027/28 |
///     |---------|--------:|--------:|
///     | Custody | 4,210   | 4,380   |
///
/// libcmark (CommonMark without extensions) reads it as a paragraph; the renderer recognises a top-level paragraph
/// whose first line has a pipe and whose second line is a delimiter row, and writes the same accessible table as a
/// `csv` block, with each cell's inline Markdown (emphasis, code, links) rendered by the same safe writer. As on
/// GitHub, a row with fewer cells is padded and extra cells are dropped; `\|` is a pipe inside a cell.
struct PipeTable: Equatable {
    var header: [String]
    var rows: [[String]]

    /// The table the lines make, or nil when they are not one.
    static func parse(_ lines: [Substring]) -> PipeTable? {
        guard lines.count >= 2, lines[0].contains("|") else { return nil }
        let header = cells(lines[0]), delimiter = cells(lines[1])
        guard !header.isEmpty, header.count == delimiter.count, delimiter.allSatisfy(isDelimiter) else { return nil }
        let rows = lines.dropFirst(2).map { line -> [String] in
            let found = cells(line)
            return Array((found + Array(repeating: "", count: max(0, header.count - found.count))).prefix(header.count))
        }
        return PipeTable(header: header, rows: rows)
    }

    /// A row's cells: split at unescaped pipes, the outer pipes optional, each cell trimmed.
    static func cells(_ line: Substring) -> [String] {
        var text = line.trimmingCharacters(in: .whitespaces)[...]
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|"), !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [String] = [], cell = "", escaped = false
        for character in text {
            if escaped {
                cell.append(character == "|" ? "|" : "\\\(character)")
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if escaped { cell.append("\\") }
        cells.append(cell.trimmingCharacters(in: .whitespaces))
        return cells
    }

    /// `---`, `:--`, `--:` or `:-:`.
    static func isDelimiter(_ cell: String) -> Bool {
        var core = cell[...]
        if core.hasPrefix(":") { core = core.dropFirst() }
        if core.hasSuffix(":") { core = core.dropLast() }
        return !core.isEmpty && core.allSatisfy { $0 == "-" }
    }
}
