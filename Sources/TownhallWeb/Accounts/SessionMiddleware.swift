import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Loads the session named by the cookie (if live) into the context; expired sessions are removed.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase
    let policy: SecurityPolicy
    let cookies: SiteCookies
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = cookies.sessionToken(request),
           let (session, user) = try await database.session(token: token, policy: policy, now: now()) {
            context.session = session
            context.user = user
        }
        return try await next(request, context)
    }
}

/// Thrown by a route that needs a signed-in user; answered with a redirect to the sign-in page.
struct SignInRequired: Error {
    let returnTo: String
}

extension AppRequestContext {
    /// The signed-in user, or a redirect to sign in.
    func requireUser(_ request: Request) throws -> User {
        guard let user else { throw SignInRequired(returnTo: request.uri.path) }
        return user
    }

    /// Checks the form's CSRF token against the session's.
    func requireCSRF(_ form: FormData) throws {
        guard let session, !form[.csrf].isEmpty, form[.csrf] == session.csrfToken else {
            throw HTTPError(.forbidden, message: "csrf")
        }
    }
}
