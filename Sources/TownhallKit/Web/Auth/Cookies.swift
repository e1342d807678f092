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

    func loginCSRF(_ token: String) -> String { formCSRF(token, path: "/login") }

    /// The double-submit token of a form used before sign-in, sent only to the form's own path.
    func formCSRF(_ token: String, path: String) -> String {
        "\(CookieNames.loginCSRF)=\(token); Path=\(path); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
