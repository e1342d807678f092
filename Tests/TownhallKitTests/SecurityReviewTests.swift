import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Log records kept in memory, so a test can read what the server would have written.
final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var records: [(message: String, metadata: Logger.Metadata)] = []

    var logger: Logger {
        Logger(label: "townhall") { label in
            var handler = JSONLogHandler(label: label) { [self] line in lock.withLock { lines.append(line) } }
            handler.logLevel = .trace
            return handler
        }
    }

    var all: [String] { lock.withLock { lines } }

    /// The `request` lines, decoded.
    var requests: [[String: String]] {
        all.compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], object["message"] == "request"
            else { return nil }
            return object
        }
    }
}

@Suite("Security review: sizes, logs, sessions, downloads")
struct SecurityReviewTests {
    /// Every form of the route table: the back office, the provider's, and sign-in and password reset (sign-out is
    /// the clerk's, since it needs a session).
    static func allForms(_ office: BackOffice) throws -> (clerk: [String], provider: [String], anonymous: [String]) {
        (try office.boardRoutes().posts.map(\.0), try office.requests(.provider, .post).map(\.0),
         try office.requests(.account, .post).map(\.0).filter { $0 != SiteURL.logout.path })
    }

    @Test func everyFormAnswers413ToAnOversizedBodyAndSavesNothing() async throws {
        let office = try BackOffice(maxUploadBytes: 100_000)
        let forms = try Self.allForms(office)
        let before = try office.store.database.auditEntries(limit: 10_000).count
        // Over both the 1 MB form limit and the upload limit plus its allowance for the multipart framing.
        let padding = String(repeating: "x", count: 1_100_000)
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            var provider = Browser(client)
            try await provider.signIn("responses@police.test", BackOffice.password)
            var anonymous = Browser(client)
            _ = try await anonymous.get("/login")
            let clerkToken = try await clerk.get("/admin").csrf!
            let providerToken = try await provider.get("/provider").csrf!
            for (browser, uris, token) in [(clerk, forms.clerk + ["/logout"], clerkToken), (provider, forms.provider, providerToken),
                                           (anonymous, forms.anonymous, "")] {
                var browser = browser
                for uri in uris {
                    let page = try await browser.post(uri, [("_csrf", token), ("title", "T"), ("markdown", padding)])
                    #expect(page.status == .contentTooLarge, "\(uri)")
                    #expect(page.body.contains("too large") || page.body.contains("must be smaller than"), "\(uri): a page that says what is wrong")
                }
            }
            #expect(try await clerk.get("/admin").status == .ok, "still signed in")
        }
        // Sign-ins of the clerk and the provider only.
        #expect(try office.store.database.auditEntries(limit: 10_000).count == before + 2)
    }

    @Test func markdownOverTheLimitIsRefusedOnTheFormWithTheTextKept() async throws {
        let office = try BackOffice()
        let meeting = office.boardMeeting.id!
        let item = try office.store.database.list(AgendaItem.self).first { $0.meetingId == meeting && !$0.isExempt }!.id!
        let papers = try office.store.database.list(Paper.self).count
        let text = "Kept-marker " + String(repeating: "a", count: TextLimits.markdownCharacters)
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let token = try await clerk.get("/admin/items/\(item)/papers/new").csrf!
            let paper = try await clerk.post("/admin/items/\(item)/papers/new", [("_csrf", token), ("action", "save"), ("title", "Long"), ("markdown", text)])
            #expect(paper.status == .unprocessableContent)
            #expect(paper.body.contains("There are 500,012 characters in the paper; the most allowed is 500,000"))
            #expect(paper.body.contains("Kept-marker aaaa"), "the text is kept")
            let minutes = try await clerk.post("/admin/meetings/\(meeting)/minutes", [("_csrf", token), ("action", "save"), ("markdown", text)])
            #expect(minutes.status == .unprocessableContent)
            #expect(minutes.body.contains("There are 500,012 characters in the minutes"))
            #expect(minutes.body.contains("Kept-marker aaaa"))
        }
        #expect(try office.store.database.list(Paper.self).count == papers)
        #expect(try office.store.database.list(Minutes.self).allSatisfy { $0.meetingId != meeting || $0.markdown.count < 1000 })
    }

    @Test func requestIdsTieResponsesToLogLinesWithoutSecrets() async throws {
        let office = try BackOffice()
        let logs = CapturedLogs()
        let tokens = Tokens()
        try await office.run(logger: logs.logger) { client in
            var wrong = Browser(client)
            #expect(try await wrong.signIn("board.clerk@townhall.test", "not-the-password-\(BackOffice.password)").status == .unprocessableContent)
            var clerk = Browser(client)
            let signedIn = try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let session = try #require(clerk.cookies["townhall_session"])
            let page = try await clerk.get("/admin")
            let csrf = try #require(page.csrf)
            tokens.set(session: session, csrf: csrf, requestId: signedIn.headers[HTTPField.Name("X-Request-Id")!] ?? "")
            let missing = try await clerk.post("/admin/items/999999/edit", [("_csrf", csrf), ("itemTitle", "X")])
            #expect(missing.status == .notFound)
            #expect(try await Browser.anonymous(client, "/search?q=confidential-search-term").status == .ok)
            // A proxy's request id is kept if plain, replaced if it could forge a log line.
            let kept = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "proxy-123_abc"]) { $0.headers }
            #expect(kept[HTTPField.Name("X-Request-Id")!] == "proxy-123_abc")
            let replaced = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "a\" b"]) { $0.headers }
            let fresh = try #require(replaced[HTTPField.Name("X-Request-Id")!])
            #expect(fresh.count >= 16 && fresh.allSatisfy(\.isHexDigit), "replaced by a fresh id")
        }
        let requests = logs.requests
        let signIn = try #require(requests.first { $0["hb.request.id"] == tokens.requestId })
        #expect(signIn["method"] == "POST" && signIn["path"] == "/login" && signIn["status"] == "303")
        #expect(requests.contains { $0["path"] == "/admin/items/999999/edit" && $0["status"] == "404" && $0["level"] == "info" })
        #expect(requests.contains { $0["path"] == "/search" && $0["level"] == "debug" }, "reads are logged at debug")
        let text = logs.all.joined()
        #expect(!text.isEmpty)
        for secret in [BackOffice.password, tokens.session, tokens.csrf, "confidential-search-term"] {
            #expect(!text.contains(secret), "a secret reached the log")
        }
    }

    @Test func jsonLogLinesCannotBeForged() throws {
        let tricky = "line\nbreak \"quoted\" back\\slash \u{0}\u{1B}[31m \u{2028} é"
        let lines = CapturedLogs()
        lines.logger.info("\(tricky)", metadata: ["path": .string(tricky)])
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("}\n") && line.dropLast().firstIndex(of: "\n") == nil, "one record, one line")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["message"] == tricky && object["path"] == tricky && object["level"] == "info")
        let time = try #require(object["time"])
        #expect(time.count == 20 && time.hasSuffix("Z") && ISO8601DateFormatter().date(from: time) != nil, "an ISO 8601 UTC time: \(time)")
    }

    @Test func signingInEndsASessionTheBrowserAlreadyHad() async throws {
        let office = try BackOffice()
        try await office.run { client in
            // Someone plants their own live session cookie in a shared browser; its next user signs in.
            var planter = Browser(client)
            try await planter.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let planted = try #require(planter.cookies["townhall_session"])
            var browser = Browser(client)
            let form = try await browser.get("/login")
            browser.cookies["townhall_session"] = planted
            let signedIn = try await browser.post("/login", [
                ("_csrf", form.csrf ?? ""), ("next", "/admin"), ("email", "board.clerk@townhall.test"), ("password", BackOffice.password),
            ])
            #expect(signedIn.status == .seeOther)
            let fresh = try #require(browser.cookies["townhall_session"])
            #expect(fresh != planted)
            #expect(try await browser.get("/admin").body.contains("Bo Clerk"))
            #expect(try await planter.get("/admin").status == .seeOther, "the planted session was ended")
        }
    }

    /// Signs in as the board's clerk and uploads a file to the first public item of the board's meeting.
    static func uploadAsBoardClerk(_ office: BackOffice, _ client: any TestClientProtocol, name: String, bytes: String) async throws -> Browser.Page {
        let meeting = office.boardMeeting.id!
        let item = try office.store.database.list(AgendaItem.self).first { $0.meetingId == meeting && !$0.isExempt }!.id!
        var clerk = Browser(client)
        try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
        let token = try await clerk.get("/admin/meetings/\(meeting)").csrf!
        return try await clerk.upload(
            "/admin/items/\(item)/attachments", [("_csrf", token), ("paper", "")], file: (field: "file", name: name, data: Data(bytes.utf8)))
    }

    @Test(arguments: ["page.html", "page.htm", "image.svg", "script.js", "page.xhtml"])
    func filesABrowserWouldRunAreRefused(_ name: String) async throws {
        let office = try BackOffice()
        try await office.run { client in
            let page = try await Self.uploadAsBoardClerk(office, client, name: name, bytes: "<script>alert(1)</script>")
            #expect(page.status == .unprocessableContent, "\(name)")
            #expect(page.body.contains("error-summary"), "\(name)")
        }
    }

    @Test func downloadsAreNeverRenderedByTheBrowser() async throws {
        let office = try BackOffice()
        try await office.run { client in
            // A CSV (an allowed type) whose bytes are HTML: served as CSV, as a download, with sniffing off.
            let uploaded = try await Self.uploadAsBoardClerk(office, client, name: "sneaky.csv", bytes: "<html><script>alert(1)</script></html>")
            #expect(uploaded.status == .seeOther)
            let file = try office.store.database.list(Attachment.self).first { $0.fileName == "sneaky.csv" }!
            let headers = try await client.execute(uri: "/attachments/\(file.id!)/sneaky.csv", method: .get) { $0.headers }
            #expect(headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(headers[.xContentTypeOptions] == "nosniff")
            #expect(headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
        }
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        let office = try BackOffice()
        try await office.run { client in
            let get = try await client.execute(uri: "/bodies/harford-policing-board", method: .get) { ($0.status, $0.body.readableBytes, $0.headers[.eTag]) }
            let head = try await client.execute(uri: "/bodies/harford-policing-board", method: .head) {
                ($0.status, $0.body.readableBytes, $0.headers[.eTag], $0.headers[.contentLength])
            }
            #expect(get.0 == .ok && head.0 == .ok)
            #expect(head.1 == 0)
            #expect(head.2 == get.2)
            #expect(head.3 == String(get.1))
            #expect(try await client.execute(uri: "/papers/99999999", method: .head) { $0.status } == .notFound)
        }
    }

    @Test func behindATrustedProxyTheForwardedAddressIsThrottled() async throws {
        var proxied = try BackOffice()
        proxied.trustProxy = true
        let office = proxied
        let forwarded = HTTPField.Name("X-Forwarded-For")!
        try await office.run { client in
            // The proxy appends the real client; anything before it is what the client claimed.
            for attempt in 0..<SecurityPolicy.testing.maxFailuresPerAddress {
                var browser = Browser(client)
                browser.extraHeaders[forwarded] = "10.0.0.\(attempt), 203.0.113.7"
                let status = try await browser.signIn("nobody\(attempt)@townhall.test", "wrong").status
                #expect(status == .unprocessableContent)
            }
            var same = Browser(client)
            same.extraHeaders[forwarded] = "198.51.100.1, 203.0.113.7"
            let throttled = try await same.signIn("board.clerk@townhall.test", BackOffice.password).status
            #expect(throttled == .tooManyRequests)
            var other = Browser(client)
            other.extraHeaders[forwarded] = "203.0.113.8"
            let allowed = try await other.signIn("board.clerk@townhall.test", BackOffice.password).status
            #expect(allowed == .seeOther)
        }
    }
}

/// Values read inside the app closure and checked after it.
final class Tokens: @unchecked Sendable {
    private(set) var session = "", csrf = "", requestId = ""
    func set(session: String, csrf: String, requestId: String) { (self.session, self.csrf, self.requestId) = (session, csrf, requestId) }
}

/// Classes of defect found from outside (issue 14), each with the test that failed before its fix.
@Suite("Hardening")
struct HardeningTests {
    /// A `next` value with a control or space character after the first slash becomes `//host` in a browser.
    @Test(arguments: ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/\u{0B}/evil.example",
                      "/\u{3000}/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/", "/admin\u{7F}"])
    func signInNeverRedirectsOffSite(next: String) async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let page = try await browser.signIn("board.clerk@townhall.test", BackOffice.password, next: next)
            #expect(page.status == .seeOther)
            #expect(page.location == "/admin", "next \(next.debugDescription) went to \(page.location ?? "")")
        }
    }

    @Test func signInKeepsAPlainLocalNext() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let page = try await browser.signIn("board.clerk@townhall.test", BackOffice.password, next: "/admin/recommendations?state=overdue")
            #expect(page.location == "/admin/recommendations?state=overdue")
        }
    }

    /// Every text cell a spreadsheet would read as a formula is neutralised, also after leading spaces; plain
    /// numbers, negative ones included, are left as they are.
    @Test func csvCellsNeverRunAsFormulas() {
        for formula in ["=1+1", "+1+1", "-1+1", "-2*3", "@SUM(A1)", "\t=1", "\r=1", "  =1", " -1+2", "-", "+", "-1-1", "- 1"] {
            #expect(CSVWriter.cell(formula).hasPrefix("'") || CSVWriter.cell(formula).hasPrefix("\"'"), "\(formula.debugDescription)")
        }
        for number in ["-3", "-12.50", "0", "42", "1250000", "-0.5"] {
            #expect(CSVWriter.cell(number) == number)
        }
        // A line break as a browser sends it (CRLF, one Character in Swift) is quoted like any other.
        #expect(CSVWriter.cell("first line\r\nsecond") == "\"first line\r\nsecond\"")
        #expect(CSVWriter.cell("a \"quote\"") == "\"a \"\"quote\"\"\"" && CSVWriter.cell("plain, with comma") == "\"plain, with comma\"")
        #expect(CSVWriter.cell("") == "" && CSVWriter.cell("Zoë’s café") == "Zoë’s café" && CSVWriter.cell("2027-01-20T10:00:00Z") == "2027-01-20T10:00:00Z")
    }

    @Test func csvCanCarryAByteOrderMarkAndJSONDataIsOpenToOtherSites() async throws {
        let office = try BackOffice()
        try await office.run { client in
            let plain = try await Browser.anonymous(client, "/data/meetings.csv")
            let marked = try await Browser.anonymous(client, "/data/meetings.csv?bom=1")
            #expect(!plain.body.hasPrefix("\u{FEFF}"))
            #expect(marked.body.hasPrefix("\u{FEFF}") && marked.body.dropFirst() == plain.body[...])
            let json = try await Browser.anonymous(client, "/data/recommendations.json")
            #expect(json.headers[.accessControlAllowOrigin] == "*")
        }
    }

    /// Issue 14.7: an error page shown to a signed-in user carries their name and sign-out token, so it is never
    /// stored; a resident's error page is not marked so.
    @Test func signedInErrorPagesAreNeverStored() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            for path in ["/admin/meetings/999999999", "/papers/999999999", "/no-such-page"] {
                let page = try await clerk.get(path)
                #expect(page.status == .notFound && page.headers[.cacheControl] == "no-store", "\(path)")
            }
            let forbidden = try await clerk.get("/admin/bodies/harford-lpac/members")
            #expect(forbidden.status == .forbidden && forbidden.headers[.cacheControl] == "no-store")
            let resident = try await Browser.anonymous(client, "/papers/999999999")
            #expect(resident.status == .notFound && resident.headers[.cacheControl] != "no-store")
        }
    }

    /// Issue 14.8: open data answers a browser's CORS preflight and allows any origin; pages and forms do neither.
    @Test func openDataAnswersACORSPreflightAndPagesDoNot() async throws {
        let office = try BackOffice()
        try await office.run { client in
            let preflight: HTTPFields = [.origin: "https://example.org", .accessControlRequestMethod: "GET"]
            for path in ["/oparl/v1.1/system", "/oparl/v1.1/bodies", "/data/meetings.json", "/data/meetings.csv", "/feeds/papers.atom"] {
                try await client.execute(uri: path, method: .options, headers: preflight) { response in
                    #expect(response.status == .noContent, "\(path)")
                    #expect(response.headers[.accessControlAllowOrigin] == "*")
                    #expect(response.headers[.accessControlAllowMethods]?.contains("GET") == true)
                }
                let got = try await Browser.anonymous(client, path)
                #expect(got.status == .ok && got.headers[.accessControlAllowOrigin] == "*", "\(path)")
                #expect(got.headers[.accessControlExposeHeaders]?.contains("ETag") == true)
            }
            for path in ["/", "/login", "/search", "/data"] {
                try await client.execute(uri: path, method: .options, headers: preflight) { response in
                    #expect(response.status != .noContent && response.headers[.accessControlAllowOrigin] == nil, "\(path)")
                }
                #expect(try await Browser.anonymous(client, path).headers[.accessControlAllowOrigin] == nil)
            }
        }
    }

    /// Issue 14.8: a search box sends `+` for each space; the page shows the words as typed.
    @Test func searchShowsTheWordsAsTyped() async throws {
        let office = try BackOffice()
        try await office.run { client in
            let page = try await Browser.anonymous(client, "/search?q=budget+precept%2B")
            #expect(page.body.contains("<title>Search: budget precept+"))
            #expect(page.body.contains("value=\"budget precept+\""))
            #expect(!page.body.contains("budget+precept"))
        }
    }

    /// Issue 14.8: an upload's name is cleaned before it is stored (the domain rule is `UploadName`).
    @Test func uploadNamesAreCleanedBeforeTheyAreStored() async throws {
        let office = try BackOffice()
        let item = try office.store.database.list(AgendaItem.self).first { $0.title.hasPrefix("Force budget") }!
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await browser.get("/admin/items/\(item.id!)/edit")
            let sent = try await browser.upload(
                "/admin/items/\(item.id!)/attachments", [("_csrf", page.csrf!), ("paper", "")],
                file: ("file", "Budget\u{202E}fdp\u{7}.csv", Data("a,b\n1,2\n".utf8)))
            #expect(sent.status == .seeOther)
            #expect(try office.store.database.list(Attachment.self).last?.fileName == "Budgetfdp.csv")
        }
    }

    /// Parallel guesses at one account check no more passwords than the limit allows (before the fix, the failures
    /// were counted before any of them was recorded, so all of them were checked).
    @Test func parallelGuessesCheckNoMoreThanTheLimit() async throws {
        let office = try BackOffice()
        var slow = SecurityPolicy.testing
        slow.bcryptCost = 8  // slow enough that the guesses overlap
        let policy = slow, db = office.store.database, now = office.clock.now
        let results = try await withThrowingTaskGroup(of: SignInResult.self) { group in
            for guess in 0..<12 {
                group.addTask {
                    try await db.perform {
                        try $0.signIn(email: "board.clerk@townhall.test", password: "wrong \(guess)", address: "198.51.100.\(guess)",
                                      policy: policy, now: now)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let checked = results.filter { if case .invalid = $0 { return true } else { return false } }.count
        #expect(checked == policy.maxFailuresPerAccount, "\(checked) passwords checked")
        #expect(results.count - checked == 12 - policy.maxFailuresPerAccount)
    }

    /// The gate runs two password checks at once, queues a few, and turns the rest away at once.
    @Test func theSignInGateBoundsWorkAndQueue() async throws {
        let gate = SignInGate(running: 2, waiting: 3)
        final class Counter: @unchecked Sendable {
            let lock = NSLock(); var now = 0, peak = 0
            func enter() { lock.withLock { now += 1; peak = max(peak, now) } }
            func leave() { lock.withLock { now -= 1 } }
        }
        let counter = Counter()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do {
                        try await gate.run {
                            counter.enter()
                            try await Task.sleep(for: .milliseconds(200))
                            counter.leave()
                        }
                        return true
                    } catch { return false }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counter.peak == 2)
        #expect(outcomes.filter { $0 }.count == 5, "two running and three queued; five turned away")
    }
}
