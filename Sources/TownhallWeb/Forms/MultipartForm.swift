import Foundation
import TownhallDomain
import TownhallStore

/// A `multipart/form-data` body (RFC 7578), the only way a browser without JavaScript can upload a file.
/// Parsed from bytes already collected under the upload size limit.
struct MultipartForm: Sendable {
    /// One uploaded file: the name the browser sent (never trusted as a path) and its bytes.
    struct File: Sendable {
        let fileName: String
        let contentType: String
        let data: Data
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    /// The boundary parameter of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(value.count) ? value : nil
            }
        }
        return nil
    }

    struct Malformed: Error {}

    init(body: [UInt8], boundary: String) throws {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var cursor = Self.find(delimiter, in: body, from: 0) else { throw Malformed() }
        cursor += delimiter.count
        while true {
            // After a delimiter: "--" ends the body, otherwise a line break and the part's headers.
            if body.count >= cursor + 2, body[cursor] == 45, body[cursor + 1] == 45 { return }
            guard body.count >= cursor + 2, Array(body[cursor..<cursor + 2]) == crlf else { throw Malformed() }
            cursor += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: cursor) else { throw Malformed() }
            let headers = Self.headers(String(decoding: body[cursor..<headerEnd], as: UTF8.self))
            let contentStart = headerEnd + 4
            guard let next = Self.find(crlf + delimiter, in: body, from: contentStart) else { throw Malformed() }
            let content = body[contentStart..<next]
            cursor = next + 2 + delimiter.count
            guard let disposition = headers["content-disposition"], let name = Self.parameter("name", in: disposition) else {
                throw Malformed()
            }
            if let sentName = Self.parameter("filename", in: disposition) {
                // Browsers write `"`, CR and LF in file names as %22, %0D and %0A (HTML's multipart encoding).
                let fileName = sentName.replacingOccurrences(of: "%22", with: "\"")
                    .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
                if files[name] == nil {
                    files[name] = File(
                        fileName: fileName, contentType: headers["content-type"] ?? "application/octet-stream", data: Data(content))
                }
            } else if fields[name] == nil {
                fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
    }

    private static func headers(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// A parameter of a Content-Disposition value, quoted or not (`name="file"`, `filename="a.pdf"`).
    static func parameter(_ key: String, in value: String) -> String? {
        var rest = Substring(value)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let name = rest[..<equals].lowercased()
            var after = rest[rest.index(after: equals)...]
            var parsed = ""
            if after.first == "\"" {
                after = after.dropFirst()
                var escaped = false
                var end = after.endIndex
                for index in after.indices {
                    let character = after[index]
                    if escaped { parsed.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "\"" {
                        end = index
                        break
                    } else { parsed.append(character) }
                }
                rest = end < after.endIndex ? after[after.index(after: end)...] : ""
            } else {
                let end = after.firstIndex(of: ";") ?? after.endIndex
                parsed = after[..<end].trimmingCharacters(in: .whitespaces)
                rest = after[end...]
            }
            if name == key { return parsed }
        }
        return nil
    }

    /// The offset of `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
