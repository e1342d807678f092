import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Sign-in and sign-out. The sign-in form is protected by a double-submit cookie (there is no session yet);
/// failures never say whether the email address exists.
struct AuthRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let policy: SecurityPolicy
    let cookies: SiteCookies
    let metrics: AppMetrics
    let now: @Sendable () -> Date
    /// At most two password checks at once; a queue longer than 32 is answered 503.
    let gate = SignInGate()

    struct LoginView: Sendable {
        let csrf: String
        let next: String
        let email: String
        let emailError: String?
        let passwordError: String?
        let throttled: Bool
        let passwordChanged: Bool
        let hasErrors: Bool
        let errors: [FormErrors.Entry]

        init(
            csrf: String, next: String, email: String = "", errors: FormErrors = FormErrors(), throttled: Bool = false,
            passwordChanged: Bool = false
        ) {
            self.csrf = csrf
            self.next = next
            self.email = email
            emailError = errors.message(for: .email)
            passwordError = errors.message(for: .password)
            self.throttled = throttled
            self.passwordChanged = passwordChanged
            hasErrors = !errors.isEmpty
            self.errors = errors.entries
        }
    }

    func register(on routes: RouteTable) {
        routes.get(.login, use: showLogin)
        routes.post(.login, use: login)
        routes.post(.logout, use: logout)
    }

    @Sendable func showLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let user = context.user { return .redirect(to: user.role == .provider ? SiteURL.providerDashboard.path : SiteURL.adminDashboard.path, type: .normal) }
        return loginPage(view: LoginView(
            csrf: AppDatabase.randomToken(), next: Self.safeNext(request.queryForm.optional(.next)),
            passwordChanged: request.queryForm.has(.changed)))
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        try cookies.requireFormToken(request, form)
        let email = form.text(.email)
        let next = Self.safeNext(form[.next])
        var errors = FormErrors()
        if email.isEmpty { errors.add(.email, "Enter your email address") }
        if form[.password].isEmpty { errors.add(.password, "Enter your password") }
        if !errors.isEmpty {
            return loginPage(view: LoginView(csrf: AppDatabase.randomToken(), next: next, email: email, errors: errors), status: .unprocessableContent)
        }
        let password = form[.password], address = context.remoteAddress, at = now()
        let outcome: SignInResult
        do {
            outcome = try await gate.run {
                try await database.perform { try $0.signIn(email: email, password: password, address: address, policy: policy, now: at) }
            }
        } catch is SignInGate.Busy {
            errors.add(.email, "Too many people are signing in at once. Wait a minute, then try again")
            var page = loginPage(view: LoginView(csrf: AppDatabase.randomToken(), next: next, email: email, errors: errors), status: .serviceUnavailable)
            page.headers[.retryAfter] = "60"
            return page
        }
        switch outcome {
        case .success(let user):
            // A session the browser already had (perhaps planted by someone else) ends; the new one is fresh.
            if let previous = cookies.sessionToken(request) { try await database.endSession(token: previous) }
            let (token, _) = try await database.perform { try $0.startSession(userId: user.id!, now: now()) }
            // Providers have their own dashboard; the default destination follows the role.
            var response = Response.redirect(to: user.role == .provider && next == SiteURL.adminDashboard.path ? SiteURL.providerDashboard.path : next, type: .normal)
            response.headers[values: .setCookie].append(cookies.session(token))
            return response
        case .invalid:
            metrics.signInFailed()
            errors.add(.email, "Enter a correct email address and password")
            return loginPage(view: LoginView(csrf: AppDatabase.randomToken(), next: next, email: email, errors: errors), status: .unprocessableContent)
        case .throttled:
            metrics.signInThrottled()
            return loginPage(view: LoginView(csrf: AppDatabase.randomToken(), next: next, email: email, throttled: true), status: .tooManyRequests)
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        if context.session != nil {
            try context.requireCSRF(form)
            if let token = cookies.sessionToken(request) { try await database.endSession(token: token) }
        }
        var response = Response.redirect(to: SiteURL.home.path, type: .normal)
        response.headers[values: .setCookie].append(cookies.clearSession())
        return response
    }

    private func loginPage(view: LoginView, status: HTTPResponse.Status = .ok) -> Response {
        var response = pages.render("login", title: view.hasErrors ? "Error: Sign in" : "Sign in", page: view, status: status)
        response.headers[values: .setCookie].append(cookies.loginCSRF(view.csrf))
        return response
    }

    /// Only local paths, so the sign-in page cannot be used to send people to another site: printable ASCII
    /// with no space, control character or backslash (browsers drop tabs and newlines, so `/\t/host` would become
    /// `//host`), starting with one slash, and parsing with no scheme and no host.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != 0x5C }), next.hasPrefix("/"), !next.hasPrefix("//"),
              let parsed = URLComponents(string: next), parsed.scheme == nil, parsed.host == nil
        else { return SiteURL.adminDashboard.path }
        return next
    }
}
