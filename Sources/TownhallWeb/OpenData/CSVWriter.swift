import TownhallDomain
import TownhallStore

/// Writes RFC 4180 CSV. A text cell that a spreadsheet would run as a formula (its first character, after any
/// spaces, one of `= + - @`, or a tab or carriage return) gets a leading apostrophe, as the data page documents;
/// a plain number (`-12.5`) is left as it is.
public enum CSVWriter {
    public static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        // Most cells (ids, slugs, dates, titles) need nothing: one pass over the bytes says so, where the checks below
        // walk characters several times, a quarter of the time of the meetings download (issue 15).
        if let first = value.utf8.first, !needsCare(first), !value.utf8.contains(where: needsQuoting) { return value }
        var value = value
        let start = value.drop { $0 == " " }.first
        if let first = value.first, "\t\r".contains(first) || (start.map { "=+-@".contains($0) } ?? false) && !isPlainNumber(value) {
            value = "'" + value
        }
        // By bytes: "\r\n" is one Character, equal to neither "\r" nor "\n", so a line break typed in a browser was left unquoted.
        guard value.utf8.contains(where: needsQuoting) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A first byte that could start a formula (after spaces) or is a tab or carriage return.
    private static func needsCare(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
    }

    private static func needsQuoting(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
    }

    /// An optional minus, digits, and at most one decimal point with digits after it.
    static func isPlainNumber(_ value: String) -> Bool {
        var rest = Substring(value)
        if rest.first == "-" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
