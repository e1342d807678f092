import Foundation
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// A submitted form, URL-encoded or multipart, kept as typed so it can be shown again on error.
struct FormData: Sendable {
    /// The raw values by field name; read them through the `FormField` subscripts.
    var values: [String: String]
    /// Files from a `multipart/form-data` upload, by field name.
    var files: [String: MultipartForm.File] = [:]

    init(values: [String: String] = [:]) { self.values = values }

    /// A form filled in by the site itself (a record being edited, a default).
    init(_ fields: [FormField: String]) {
        values = Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) })
    }

    /// The most a form without a file may send: 1 MiB, far beyond any text field's own limit.
    static let defaultLimit = 1_048_576

    /// Reads and decodes the request body; a body over the limit is a 413 and a malformed multipart body a 400.
    static func read(_ request: Request, context: AppRequestContext, limit: Int = FormData.defaultLimit) async throws -> FormData {
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

    subscript(_ field: FormField) -> String {
        get { values[field.rawValue] ?? "" }
        set { values[field.rawValue] = newValue }
    }

    /// A field of one row of a repeated group (`FormField.row`).
    subscript(_ field: FormField, row id: Int64) -> String {
        get { values[field.row(id)] ?? "" }
        set { values[field.row(id)] = newValue }
    }

    /// A field named by the domain (the provider's `ResponseField` names).
    subscript(name name: String) -> String {
        get { values[name] ?? "" }
        set { values[name] = newValue }
    }

    /// Whether the field was sent at all (a query flag such as `?saved=1`).
    func has(_ field: FormField) -> Bool { values[field.rawValue] != nil }

    /// The value if the field was sent.
    func optional(_ field: FormField) -> String? { values[field.rawValue] }

    /// The value with surrounding white space removed and line endings normalised.
    func text(_ field: FormField) -> String { Self.tidy(self[field]) }

    /// A row's value, tidied like `text(_:)`.
    func text(_ field: FormField, row id: Int64) -> String { Self.tidy(self[field, row: id]) }

    private static func tidy(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}

extension Request {
    /// The query string, read exactly as a form body is (a GET form sends its fields there, `+` for each space):
    /// the one reading of a query for every route. The first of a repeated name wins.
    var queryValues: [String: String] { queryForm.values }

    /// The query string as a form, read through `FormField`.
    var queryForm: FormData { FormData(urlEncoded: uri.query ?? "") }
}

/// Errors found in a submitted form, in field order, for the GOV.UK-style error summary.
struct FormErrors: Sendable {
    struct Entry: Sendable {
        let field: String
        let message: String
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ field: FormField, _ message: String) { add(anchor: field.rawValue, message) }

    mutating func add(_ field: FormField, row id: Int64, _ message: String) { add(anchor: field.row(id), message) }

    /// An error on an element named elsewhere (the domain's `ResponseField` anchors).
    mutating func add(anchor: String, _ message: String) {
        entries.append(Entry(field: anchor, message: message))
    }

    func message(for field: FormField) -> String? { message(anchor: field.rawValue) }

    func message(for field: FormField, row id: Int64) -> String? { message(anchor: field.row(id)) }

    func message(anchor: String) -> String? { entries.first { $0.field == anchor }?.message }
}

extension String {
    /// A store message (which starts lower case, to read well after "townhall: error:") as a sentence for the
    /// error summary.
    var asSentence: String { prefix(1).uppercased() + dropFirst() }
}
