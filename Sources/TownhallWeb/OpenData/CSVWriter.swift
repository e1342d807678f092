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
        var value = value
        let start = value.drop { $0 == " " }.first
        if let first = value.first, "\t\r".contains(first) || (start.map { "=+-@".contains($0) } ?? false) && !isPlainNumber(value) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// An optional minus, digits, and at most one decimal point with digits after it.
    static func isPlainNumber(_ value: String) -> Bool {
        var rest = Substring(value)
        if rest.first == "-" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
