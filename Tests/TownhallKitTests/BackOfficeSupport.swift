import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import TownhallKit

/// A browser-like test session: keeps cookies, reads CSRF tokens from pages, posts forms.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        var location: String? { headers[.location] }

        /// The first CSRF token on the page.
        var csrf: String? {
            guard let range = body.range(of: "name=\"_csrf\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    mutating func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    mutating func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    mutating func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let page = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
        for header in page.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return page
    }

    /// A one-off anonymous request, as a resident with no cookies.
    static func anonymous(_ client: any TestClientProtocol, _ uri: String) async throws -> Page {
        var browser = Browser(client)
        return try await browser.get(uri)
    }

    /// Signs in through the real form; returns the response to the POST.
    @discardableResult
    mutating func signIn(_ email: String, _ password: String, next: String = "/admin") async throws -> Page {
        let form = try await get("/login?next=\(next)")
        return try await post("/login", [("_csrf", form.csrf ?? ""), ("next", next), ("email", email), ("password", password)])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? ""
    }
}

/// A seeded store with one account of each kind, and an app on a test clock.
struct BackOffice {
    static let password = "correct horse battery staple"
    let store: TestStore
    let clock: TestClock

    init() throws {
        clock = TestClock(Date())
        store = try TestStore(seeded: true, now: clock.now)
        let db = store.database
        _ = try db.addUser(email: "admin@townhall.test", name: "Ada Admin", role: .administrator, organisation: nil,
                           password: Self.password, bodies: [], policy: .testing, actor: .test)
        _ = try db.addUser(email: "board.clerk@townhall.test", name: "Bo Clerk", role: .clerk, organisation: nil,
                           password: Self.password, bodies: ["harford-policing-board"], policy: .testing, actor: .test)
        _ = try db.addUser(email: "lpac.clerk@townhall.test", name: "Lee Clerk", role: .clerk, organisation: nil,
                           password: Self.password, bodies: ["harford-lpac"], policy: .testing, actor: .test)
        _ = try db.addUser(email: "responses@police.test", name: "Pat Provider", role: .provider,
                           organisation: "Harford and Marsh Vale Police", password: Self.password, bodies: [], policy: .testing, actor: .test)
    }

    func run(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let clock = clock
        let app = try await buildApplication(config: store.config, database: store.database, policy: .testing, now: { clock.now })
        try await app.test(.router) { client in try await body(client) }
    }

    var boardMeeting: Meeting { try! store.database.list(Meeting.self).first { $0.title == "Budget and precept meeting" }! }
    var lpacMeeting: Meeting { try! store.database.list(Meeting.self).first { $0.title.hasPrefix("Evidence session") }! }
}
