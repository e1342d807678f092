import Hummingbird
import TownhallDomain
import TownhallStore

/// The site's cookies, with every attribute written out. Over HTTPS the names carry the browser-enforced prefixes:
/// `__Host-` on the session (Secure, Path=/, no Domain, so no subdomain or plain-HTTP page can set or shadow it) and
/// `__Secure-` on a form's double-submit token, which stays scoped to the form's own path.
struct SiteCookies: Sendable {
    let secure: Bool

    var sessionName: String { (secure ? "__Host-" : "") + "townhall_session" }
    var formTokenName: String { (secure ? "__Secure-" : "") + "townhall_csrf" }
    private var secureAttribute: String { secure ? "; Secure" : "" }

    func session(_ token: String) -> String {
        "\(sessionName)=\(token); Path=/; HttpOnly; SameSite=Lax" + secureAttribute
    }

    func clearSession() -> String {
        "\(sessionName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secureAttribute
    }

    /// The session token the request carries, if any.
    func sessionToken(_ request: Request) -> String? {
        request.cookies[sessionName]?.value.nilIfEmpty
    }

    func loginCSRF(_ token: String) -> String { formCSRF(token, path: SiteURL.login.path) }

    /// The double-submit token of a form used before sign-in, sent only to the form's own path.
    func formCSRF(_ token: String, path: String) -> String {
        "\(formTokenName)=\(token); Path=\(path); HttpOnly; SameSite=Strict" + secureAttribute
    }

    /// The double-submit check of a form used before sign-in: the form's token must equal the cookie set with it.
    func requireFormToken(_ request: Request, _ form: FormData) throws {
        guard let cookie = request.cookies[formTokenName]?.value, !cookie.isEmpty, cookie == form[.csrf] else {
            throw HTTPError(.forbidden, message: "csrf")
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
