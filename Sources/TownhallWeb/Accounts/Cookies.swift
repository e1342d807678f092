import Hummingbird
import TownhallDomain
import TownhallStore

/// Set-Cookie values written by hand so every attribute is explicit.
enum CookieNames {
    static let session = "townhall_session"
    static let loginCSRF = "townhall_csrf"
}

struct CookieWriter: Sendable {
    let secure: Bool

    func session(_ token: String) -> String {
        "\(CookieNames.session)=\(token); Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    func clearSession() -> String {
        "\(CookieNames.session)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    func loginCSRF(_ token: String) -> String { formCSRF(token, path: SiteURL.login.path) }

    /// The double-submit token of a form used before sign-in, sent only to the form's own path.
    func formCSRF(_ token: String, path: String) -> String {
        "\(CookieNames.loginCSRF)=\(token); Path=\(path); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}

extension Request {
    /// The double-submit check of a form used before sign-in: the form's token must equal the cookie set with it.
    func requireFormCookie(_ form: FormData) throws {
        guard let cookie = cookies[CookieNames.loginCSRF]?.value, !cookie.isEmpty, cookie == form["_csrf"] else {
            throw HTTPError(.forbidden, message: "csrf")
        }
    }
}
