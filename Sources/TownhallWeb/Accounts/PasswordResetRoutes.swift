import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// "Forgotten your password?": ask for a link by e-mail, then choose a new password with it. The request page
/// answers the same whether or not the address has an account. Forms carry a double-submit CSRF cookie, as
/// sign-in does, since nobody is signed in.
struct PasswordResetRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let policy: SecurityPolicy
    let cookies: SiteCookies
    let baseURL: String
    let siteName: String
    let now: @Sendable () -> Date

    static let path = SiteURL.passwordReset.path

    struct RequestView: Sendable {
        let csrf: String
        let email: String
        let emailError: String?
        let sent: Bool
        let expired: Bool
        let hasErrors: Bool
        let errors: [FormErrors.Entry]

        init(csrf: String, email: String = "", errors: FormErrors = FormErrors(), sent: Bool = false, expired: Bool = false) {
            self.csrf = csrf
            self.email = email
            emailError = errors.message(for: .email)
            self.sent = sent
            self.expired = expired
            hasErrors = !errors.isEmpty
            self.errors = errors.entries
        }
    }

    struct ChooseView: Sendable {
        let csrf: String
        let action: String
        let email: String
        let minimumLength: Int
        let passwordError: String?
        let confirmError: String?
        let hasErrors: Bool
        let errors: [FormErrors.Entry]
    }

    func register(on routes: RouteTable) {
        routes.get(.passwordReset, use: showRequest)
        routes.post(.passwordReset, use: request)
        routes.get(.passwordResetLink, use: showChoose)
        routes.post(.passwordResetLink, use: choose)
    }

    @Sendable func showRequest(_ request: Request, context: AppRequestContext) async throws -> Response {
        requestPage(RequestView(csrf: AppDatabase.randomToken()))
    }

    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        try cookies.requireFormToken(request, form)
        let email = form.text(.email)
        var errors = FormErrors()
        if email.isEmpty {
            errors.add(.email, "Enter your email address")
        } else if email.count > 320 || !email.contains("@") {
            errors.add(.email, "Enter an email address like name@example.gov.uk")
        }
        guard errors.isEmpty else {
            return requestPage(RequestView(csrf: AppDatabase.randomToken(), email: email, errors: errors), status: .unprocessableContent)
        }
        try await database.perform { try $0.requestPasswordReset(email: email, baseURL: baseURL, siteName: siteName, now: now()) }
        return requestPage(RequestView(csrf: AppDatabase.randomToken(), email: email, sent: true))
    }

    @Sendable func showChoose(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let user = try await database.passwordResetUser(token: token, now: now()) else { return expiredPage() }
        return choosePage(token: token, user: user, errors: FormErrors())
    }

    @Sendable func choose(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormData.read(request, context: context)
        try cookies.requireFormToken(request, form)
        guard let user = try await database.passwordResetUser(token: token, now: now()) else { return expiredPage() }
        var errors = FormErrors()
        let password = form[.password]
        if password.count < policy.minimumPasswordLength {
            errors.add(.password, "Enter a password of at least \(policy.minimumPasswordLength) characters")
        } else if password.count > 1_000 {
            errors.add(.password, "Enter a password of at most 1,000 characters")
        } else if form[.confirm] != password {
            errors.add(.confirm, "The two passwords are not the same; type the new password twice")
        }
        guard errors.isEmpty else { return choosePage(token: token, user: user, errors: errors, status: .unprocessableContent) }
        do {
            _ = try await database.perform { try $0.completePasswordReset(token: token, password: password, policy: policy, now: now()) }
        } catch TownhallError.conflict {
            return expiredPage()
        }
        var response = Response.redirect(to: SiteURL.login.path(query: [(.changed, "1")]), type: .normal)
        response.headers[values: .setCookie].append(cookies.clearSession())
        return response
    }

    private func expiredPage() -> Response {
        requestPage(RequestView(csrf: AppDatabase.randomToken(), expired: true), status: .notFound)
    }

    private func requestPage(_ view: RequestView, status: HTTPResponse.Status = .ok) -> Response {
        let title = view.sent ? "Check your email" : (view.hasErrors ? "Error: Reset your password" : "Reset your password")
        var response = pages.render("password-reset-request", title: title, page: view, status: status)
        response.headers[.cacheControl] = "no-store"
        response.headers[values: .setCookie].append(cookies.formCSRF(view.csrf, path: Self.path))
        return response
    }

    private func choosePage(token: String, user: User, errors: FormErrors, status: HTTPResponse.Status = .ok) -> Response {
        let view = ChooseView(
            csrf: AppDatabase.randomToken(), action: SiteURL.passwordResetLink(token: token).path, email: user.email, minimumLength: policy.minimumPasswordLength,
            passwordError: errors.message(for: .password), confirmError: errors.message(for: .confirm), hasErrors: !errors.isEmpty,
            errors: errors.entries)
        var response = pages.render("password-reset", title: errors.isEmpty ? "Choose a new password" : "Error: Choose a new password", page: view, status: status)
        response.headers[.cacheControl] = "no-store"
        response.headers[values: .setCookie].append(cookies.formCSRF(view.csrf, path: Self.path))
        return response
    }
}
