import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Password reset by e-mail link")
struct PasswordResetTests {
    static let newPassword = "a completely new passphrase"

    /// The link in the newest reset e-mail to `recipient`.
    static func link(_ office: BackOffice, to recipient: String) throws -> String? {
        let message = try office.store.database.outbox().last { $0.kind == .passwordReset && $0.recipient == recipient }
        guard let body = message?.body, let range = body.range(of: "/password-reset/") else { return nil }
        return "/password-reset/" + body[range.upperBound...].prefix { $0.isHexDigit }
    }

    static func askForLink(_ browser: inout Browser, _ email: String) async throws -> Browser.Page {
        let form = try await browser.get("/password-reset")
        return try await browser.post("/password-reset", [("_csrf", form.csrf ?? ""), ("email", email)])
    }

    @Test func aLinkLetsTheUserChooseANewPasswordOnceAndEndsTheirSessions() async throws {
        let office = try BackOffice()
        let logs = CapturedLogs()
        try await office.run(logger: logs.logger) { client in
            var signedIn = Browser(client)
            try await signedIn.signIn("board.clerk@townhall.test", BackOffice.password)
            var browser = Browser(client)
            let login = try await browser.get("/login")
            #expect(login.body.contains("href=\"/password-reset\""))
            let sent = try await Self.askForLink(&browser, "Board.Clerk@townhall.test ")
            #expect(sent.status == .ok && sent.body.contains("Check your email"))
            let link = try #require(try Self.link(office, to: "board.clerk@townhall.test"))
            let form = try await browser.get(link)
            #expect(form.status == .ok && form.body.contains("board.clerk@townhall.test"))
            #expect(form.headers[.cacheControl] == "no-store")

            let mismatch = try await browser.post(link, [("_csrf", form.csrf!), ("password", Self.newPassword), ("confirm", "something else entirely")])
            #expect(mismatch.status == .unprocessableContent && mismatch.body.contains("The two passwords are not the same"))
            let short = try await browser.post(link, [("_csrf", mismatch.csrf!), ("password", "short"), ("confirm", "short")])
            #expect(short.status == .unprocessableContent && short.body.contains("at least 12 characters"))
            let done = try await browser.post(link, [("_csrf", short.csrf!), ("password", Self.newPassword), ("confirm", Self.newPassword)])
            #expect(done.status == .seeOther && done.location == "/login?changed=1")
            #expect(try await browser.get("/login?changed=1").body.contains("Your password has been changed"))

            #expect(try await signedIn.get("/admin").status == .seeOther, "sessions elsewhere ended")
            var old = Browser(client)
            #expect(try await old.signIn("board.clerk@townhall.test", BackOffice.password).status == .unprocessableContent)
            var new = Browser(client)
            #expect(try await new.signIn("board.clerk@townhall.test", Self.newPassword).status == .seeOther)

            let again = try await browser.get(link)
            #expect(again.status == .notFound && again.body.contains("That link has expired or has already been used"))
            let reused = try await browser.post(link, [("_csrf", again.csrf!), ("password", "yet another passphrase"), ("confirm", "yet another passphrase")])
            #expect(reused.status == .notFound)
        }
        let token = try #require(try Self.link(office, to: "board.clerk@townhall.test")?.split(separator: "/").last)
        #expect(!logs.all.joined().contains(token), "the link's token never reaches the log")
        #expect(logs.requests.contains { $0["path"] == "/password-reset/[token]" })
    }

    @Test func theAnswerIsTheSameWhetherOrNotTheAddressHasAnAccount() async throws {
        let office = try BackOffice()
        try await office.run { client in
            func normalised(_ page: Browser.Page, _ email: String) -> String {
                page.body.replacingOccurrences(of: email, with: "EMAIL")
                    .replacingOccurrences(of: #"value="[0-9a-f]{64}""#, with: "TOKEN", options: .regularExpression)
            }
            var browser = Browser(client)
            let known = try await Self.askForLink(&browser, "board.clerk@townhall.test")
            let unknown = try await Self.askForLink(&browser, "no.such.person@townhall.test")
            #expect(known.status == unknown.status)
            #expect(normalised(known, "board.clerk@townhall.test") == normalised(unknown, "no.such.person@townhall.test"))
            #expect(try office.store.database.outbox().filter { $0.kind == .passwordReset }.map(\.recipient) == ["board.clerk@townhall.test"])
        }
    }

    @Test func linksExpireAfterAnHourAndAreLimitedPerAccount() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            for _ in 0..<5 { _ = try await Self.askForLink(&browser, "responses@police.test") }
            #expect(try office.store.database.outbox().filter { $0.kind == .passwordReset }.count == AppDatabase.passwordResetsPerHour)
            let link = try #require(try Self.link(office, to: "responses@police.test"))
            #expect(try await browser.get(link).status == .ok)
            office.clock.advance(AppDatabase.passwordResetLifetime + 1)
            #expect(try await browser.get(link).status == .notFound)
            _ = try await Self.askForLink(&browser, "responses@police.test")
            #expect(try office.store.database.outbox().filter { $0.kind == .passwordReset }.count == AppDatabase.passwordResetsPerHour + 1)
        }
    }

    @Test func badInputAndMissingTokensGetClearAnswers() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let form = try await browser.get("/password-reset")
            let empty = try await browser.post("/password-reset", [("_csrf", form.csrf!), ("email", "  ")])
            #expect(empty.status == .unprocessableContent && empty.body.contains("Enter your email address"))
            let odd = try await browser.post("/password-reset", [("_csrf", empty.csrf!), ("email", "not an address")])
            #expect(odd.status == .unprocessableContent && odd.body.contains("value=\"not an address\""), "input kept")
            var stranger = Browser(client)
            #expect(try await stranger.post("/password-reset", [("_csrf", "guess"), ("email", "board.clerk@townhall.test")]).status == .forbidden)
            #expect(try office.store.database.outbox().filter { $0.kind == .passwordReset }.isEmpty)
        }
    }
}
