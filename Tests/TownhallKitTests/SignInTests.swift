import Foundation
import HTTPTypes
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Sign-in, sessions and CSRF")
struct SignInTests {
    @Test func signInSetsAStrictCookieAndSignOutEndsTheSession() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let response = try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            #expect(response.status == .seeOther)
            #expect(response.location == "/admin")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("townhall_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "Secure only when configured")
            let token = try #require(browser.cookies["townhall_session"])
            #expect(try office.store.database.list(Session.self).map(\.tokenHash) == [AppDatabase.sha256(token)])

            let dashboard = try await browser.get("/admin")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("Signed in as Bo Clerk"))
            #expect(dashboard.headers[.cacheControl] == "no-store")

            let out = try await browser.post("/logout", [("_csrf", dashboard.csrf!)])
            #expect(out.status == .seeOther)
            #expect(try office.store.database.list(Session.self).isEmpty)
            #expect(try await browser.get("/admin").status == .seeOther)
        }
    }

    @Test func anonymousVisitorsAreSentToSignIn() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let page = try await browser.get("/admin/meetings/\(office.boardMeeting.id!)")
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?next=/admin/meetings/\(office.boardMeeting.id!)")
            // After signing in, the clerk lands where they were going.
            let signedIn = try await browser.signIn("board.clerk@townhall.test", BackOffice.password, next: "/admin/meetings/\(office.boardMeeting.id!)")
            #expect(signedIn.location == "/admin/meetings/\(office.boardMeeting.id!)")
        }
    }

    @Test(arguments: ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"])
    func signInNeverRedirectsOffSite(next: String) async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let form = try await browser.get("/login")
            let response = try await browser.post("/login", [("_csrf", form.csrf!), ("next", next), ("email", "admin@townhall.test"), ("password", BackOffice.password)])
            #expect(response.location == "/admin")
        }
    }

    @Test func wrongPasswordAndUnknownEmailLookTheSame() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let wrong = try await browser.signIn("board.clerk@townhall.test", "not the password")
            let unknown = try await browser.signIn("nobody@townhall.test", "not the password")
            #expect(wrong.status == .unprocessableContent && unknown.status == .unprocessableContent)
            #expect(wrong.body.contains("Enter a correct email address and password"))
            func normalised(_ body: String) -> String {
                body.replacingOccurrences(of: #"value="[0-9a-f]{64}""#, with: "", options: .regularExpression)
                    .replacingOccurrences(of: "nobody@townhall.test", with: "board.clerk@townhall.test")
            }
            #expect(normalised(wrong.body) == normalised(unknown.body))
            #expect(browser.cookies["townhall_session"] == nil)
        }
    }

    @Test func emptyFieldsReRenderWithErrorSummaryAndKeepTheEmail() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let page = try await browser.signIn("board.clerk@townhall.test", "")
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("There is a problem"))
            #expect(page.body.contains("<a href=\"#password\">Enter your password</a>"))
            #expect(page.body.contains("value=\"board.clerk@townhall.test\""))
            #expect(page.body.contains("<title>Error: Sign in"))
        }
    }

    @Test func signInFormNeedsItsCSRFCookie() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let page = try await browser.post("/login", [("_csrf", "forged"), ("email", "admin@townhall.test"), ("password", BackOffice.password)])
            #expect(page.status == .forbidden)
            #expect(page.body.contains("Your form could not be sent"))
            #expect(try office.store.database.list(Session.self).isEmpty)
        }
    }

    @Test func repeatedFailuresThrottleTheAccount() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            for _ in 0..<5 { #expect(try await browser.signIn("board.clerk@townhall.test", "guess").status == .unprocessableContent) }
            let blocked = try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.body.contains("Too many failed attempts"))
            #expect(browser.cookies["townhall_session"] == nil)
            // Other accounts are unaffected, and the lock lifts after the window.
            #expect(try await browser.signIn("admin@townhall.test", BackOffice.password).status == .seeOther)
            office.clock.advance(16 * 60)
            var again = Browser(client)
            #expect(try await again.signIn("board.clerk@townhall.test", BackOffice.password).status == .seeOther)
        }
    }

    @Test func repeatedFailuresThrottleTheAddress() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            for index in 0..<20 {
                _ = try await browser.signIn("guess\(index)@townhall.test", "guess")
            }
            #expect(try await browser.signIn("admin@townhall.test", BackOffice.password).status == .tooManyRequests)
        }
    }

    @Test func sessionsExpireWhenIdleAndAbsolutely() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            office.clock.advance(SecurityPolicy.testing.idleTimeout + 1)
            #expect(try await browser.get("/admin").status == .seeOther, "idle timeout")

            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            for _ in 0..<13 {  // active every hour, but never past the absolute limit
                office.clock.advance(3600)
                let page = try await browser.get("/admin")
                if page.status != .ok { break }
            }
            #expect(try await browser.get("/admin").status == .seeOther, "absolute timeout")
            #expect(try office.store.database.list(Session.self).isEmpty)
        }
    }

    @Test func signInIssuesAFreshSessionId() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            browser.cookies["townhall_session"] = "planted-by-an-attacker"
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            #expect(browser.cookies["townhall_session"] != "planted-by-an-attacker")
            #expect(try await browser.get("/admin").status == .ok)
        }
    }

    @Test func disabledAccountsAreSignedOutAndCannotSignIn() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            try office.store.database.disableUser(email: "board.clerk@townhall.test", actor: .test)
            #expect(try await browser.get("/admin").status == .seeOther)
            #expect(try await browser.signIn("board.clerk@townhall.test", BackOffice.password).status == .unprocessableContent)
        }
    }

    @Test func secureCookiesWhenConfigured() async throws {
        let office = try BackOffice()
        var config = office.store.config
        config.secureCookies = true
        let app = try await buildApplication(config: config, database: office.store.database, policy: .testing)
        try await app.test(.router) { client in
            var browser = Browser(client)
            let form = try await browser.get("/login")
            #expect(form.headers[values: .setCookie].allSatisfy { $0.hasPrefix("__Secure-townhall_csrf=") && $0.contains("; Secure") })
            #expect(form.headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=31536000", "HSTS over HTTPS")
            let page = try await browser.signIn("admin@townhall.test", BackOffice.password)
            #expect(page.headers[values: .setCookie].allSatisfy { $0.contains("; Secure") })
            // Issue 14.7: the session cookie is `__Host-` (Secure, Path=/, no Domain), and it is the one read back.
            #expect(page.headers[values: .setCookie].contains { $0.hasPrefix("__Host-townhall_session=") && $0.contains("; Path=/;") && !$0.contains("Domain") })
            #expect(try await browser.get("/admin").status == .ok)
            var plain = Browser(client)
            plain.cookies = ["townhall_session": browser.cookies["__Host-townhall_session"] ?? ""]
            #expect(try await plain.get("/admin").status == .seeOther, "the unprefixed name is not accepted over HTTPS")
        }
    }

    @Test func noHSTSOrPrefixesOverPlainHTTP() async throws {
        let office = try BackOffice()
        try await office.run { client in
            var browser = Browser(client)
            let page = try await browser.signIn("admin@townhall.test", BackOffice.password)
            #expect(page.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
            #expect(page.headers[values: .setCookie].allSatisfy { $0.hasPrefix("townhall_") && !$0.contains("Secure") })
        }
    }
}

@Suite("Accounts in the store")
struct AccountStoreTests {
    @Test func passwordsAreBcryptHashedAndRulesApply() throws {
        let store = try TestStore(seeded: true)
        let user = try store.database.addUser(
            email: " Clerk@Example.ORG ", name: "C", role: .clerk, organisation: nil, password: "twelve chars!", bodies: ["harford-lpac"],
            policy: .testing, actor: .test)
        #expect(user.email == "clerk@example.org")
        #expect(user.passwordHash.hasPrefix("$2b$04$"))
        #expect(!user.passwordHash.contains("twelve"))
        #expect(throws: TownhallError.invalid("the password must be at least 12 characters")) {
            try store.database.addUser(email: "a@b.org", name: "A", role: .clerk, organisation: nil, password: "short", bodies: [], policy: .testing, actor: .test)
        }
        #expect(throws: TownhallError.conflict("a user with email clerk@example.org already exists")) {
            try store.database.addUser(email: "CLERK@example.org", name: "A", role: .clerk, organisation: nil, password: "long enough pw", bodies: [], policy: .testing, actor: .test)
        }
        #expect(throws: TownhallError.invalid("a provider account needs --organisation")) {
            try store.database.addUser(email: "p@b.org", name: "P", role: .provider, organisation: nil, password: "long enough pw", bodies: [], policy: .testing, actor: .test)
        }
        #expect(throws: TownhallError.notFound("no body with slug \"nope\"")) {
            try store.database.addUser(email: "x@b.org", name: "X", role: .clerk, organisation: nil, password: "long enough pw", bodies: ["nope"], policy: .testing, actor: .test)
        }
        #expect(try store.database.list(User.self).count == 1, "refused users leave nothing behind")
        let audit = try store.database.auditEntries(limit: 1).first
        #expect(audit?.action == "add" && audit?.objectType == "user" && audit?.actor == "test:suite")
    }

    @Test func resetPasswordEndsSessions() throws {
        let store = try TestStore(seeded: true)
        let user = try store.database.addUser(
            email: "c@example.org", name: "C", role: .clerk, organisation: nil, password: "first password", bodies: [], policy: .testing, actor: .test)
        _ = try store.database.startSession(userId: user.id!, now: Date())
        try store.database.resetPassword(email: "c@example.org", password: "second password", policy: .testing, actor: .test)
        #expect(try store.database.list(Session.self).isEmpty)
        #expect(try store.database.signIn(email: "c@example.org", password: "first password", address: "a", policy: .testing, now: Date()) == .invalid)
        guard case .success = try store.database.signIn(email: "c@example.org", password: "second password", address: "a", policy: .testing, now: Date()) else {
            Issue.record("new password should work")
            return
        }
    }
}
