import TownhallDomain
import TownhallStore

/// Writes RFC 4180 CSV. A cell that a spreadsheet would run as a formula (starting =, +, @, or - before a
/// non-digit) gets a leading apostrophe, as the data page documents.
public enum CSVWriter {
    public static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+@\t\r".contains(first) || (first == "-" && !(value.dropFirst().first?.isNumber ?? false)) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
