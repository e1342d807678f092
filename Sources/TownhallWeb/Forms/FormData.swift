import Foundation
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// A submitted form, URL-encoded or multipart, kept as typed so it can be shown again on error.
struct FormData: Sendable {
    var values: [String: String]
    /// Files from a `multipart/form-data` upload, by field name.
    var files: [String: MultipartForm.File] = [:]

    init(values: [String: String]) { self.values = values }

    /// Reads and decodes the request body; a body over the limit is a 413 and a malformed multipart body a 400.
    static func read(_ request: Request, context: AppRequestContext, limit: Int = 1_048_576) async throws -> FormData {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw HTTPError(.contentTooLarge) }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw HTTPError(.contentTooLarge)
        }
        guard let boundary = request.headers[.contentType].flatMap(MultipartForm.boundary(contentType:)) else {
            return FormData(urlEncoded: String(buffer: buffer))
        }
        guard let multipart = try? MultipartForm(body: Array(buffer.readableBytesView), boundary: boundary) else {
            throw HTTPError(.badRequest, message: "The form could not be read. Try sending it again.")
        }
        var form = FormData(values: multipart.fields)
        form.files = multipart.files
        return form
    }

    init(urlEncoded body: String) {
        var values: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(String(parts[0]))
            let value = parts.count > 1 ? Self.decode(String(parts[1])) : ""
            if values[key] == nil { values[key] = value }
        }
        self.values = values
    }

    subscript(_ key: String) -> String { values[key] ?? "" }

    /// The value with surrounding white space removed and line endings normalised.
    func text(_ key: String) -> String {
        self[key].replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}

extension Request {
    /// The query string, read exactly as a form body is (a GET form sends its fields there, `+` for each space):
    /// the one reading of a query for every route. The first of a repeated name wins.
    var queryValues: [String: String] { FormData(urlEncoded: uri.query ?? "").values }
}

/// Errors found in a submitted form, in field order, for the GOV.UK-style error summary.
struct FormErrors: Sendable {
    struct Entry: Sendable {
        let field: String
        let message: String
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        entries.append(Entry(field: field, message: message))
    }

    func message(for field: String) -> String? { entries.first { $0.field == field }?.message }
}

extension String {
    /// A store message (which starts lower case, to read well after "townhall: error:") as a sentence for the
    /// error summary.
    var asSentence: String { prefix(1).uppercased() + dropFirst() }
}
