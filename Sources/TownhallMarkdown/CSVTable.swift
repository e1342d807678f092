/// Parses the body of a ```` ```csv ```` or ```` ```table ```` block: RFC 4180 fields (quotes, doubled quotes,
/// commas and line breaks inside quotes). The first row is the header; every row must have as many cells. Also
/// the one CSV reader for imports (`PerformanceImport`), which name the line a bad row starts on.
public struct CSVTable: Equatable, Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// The line of the text each row of `rows` starts on (a quoted cell may span lines).
    public var rowLines: [Int] = []

    public struct ParseError: Error, Equatable {
        public var message: String
    }

    public static func parse(_ text: String) throws(ParseError) -> CSVTable {
        var records: [[String]] = []
        var recordLines: [Int] = []
        var recordStart = 1
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var quoteStartLine = 1
        // A spreadsheet's "CSV UTF-8" starts with a byte order mark, which is not part of the first column's name.
        var iterator = Array(text.unicodeScalars.drop(while: { $0 == "\u{FEFF}" })).makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endRecord() {
            record.append(fieldWasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
            if !(record.count == 1 && record[0].isEmpty && !fieldWasQuoted) {
                records.append(record)
                recordLines.append(recordStart)
            }
            record = []
            field = ""
            fieldWasQuoted = false
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                if field.trimmingCharacters(in: .whitespaces).isEmpty && !fieldWasQuoted {
                    field = ""
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteStartLine = line
                } else {
                    throw ParseError(message: "line \(line) has a quote inside an unquoted cell; put the whole cell in quotes and double the inner quote")
                }
            case ",":
                record.append(fieldWasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
                field = ""
                fieldWasQuoted = false
            case "\n":
                endRecord()
                line += 1
                recordStart = line
            case "\r":
                continue
            default:
                if fieldWasQuoted {
                    if c == " " || c == "\t" { continue }
                    throw ParseError(message: "line \(line) has text after a closing quote")
                }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes {
            throw ParseError(message: "a quote opened on line \(quoteStartLine) is never closed")
        }
        if !field.isEmpty || fieldWasQuoted || !record.isEmpty { endRecord() }
        guard let header = records.first else {
            throw ParseError(message: "the table is empty; the first row must name the columns")
        }
        let body = Array(records.dropFirst())
        let lines = Array(recordLines.dropFirst())
        for (index, row) in body.enumerated() where row.count != header.count {
            throw ParseError(message: "row \(index + 2) has \(row.count) cell\(row.count == 1 ? "" : "s") but the header has \(header.count)")
        }
        return CSVTable(header: header, rows: body, rowLines: lines)
    }
}

import Foundation
