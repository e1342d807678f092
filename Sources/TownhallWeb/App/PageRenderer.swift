import Foundation
import Hummingbird
import Mustache
import TownhallDomain
import TownhallStore

/// Wraps every page in the site layout. Templates receive only view models (already formatted strings),
/// so they never query or compute.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let siteName: String

    public init(templatesDirectory: String, siteName: String) async throws {
        library = try await MustacheLibrary(directory: templatesDirectory)
        self.siteName = siteName
        for name in Self.templates where library.getTemplate(named: name) == nil {
            throw TownhallError.io("template \(name).mustache is missing from \(templatesDirectory) "
                + "(set \(InstallLayout.homeVariable) to the folder holding Templates, Public and Config, or templatesDirectory)")
        }
    }

    static let templates = [
        "layout", "home", "bodies", "body", "meeting", "paper", "error", "login", "recommendations", "recommendation", "organisation", "provider-dashboard", "provider-response", "admin-recommendation", "admin-dashboard", "admin-meeting-form",
        "admin-meeting", "admin-paper-form", "admin-item-form", "admin-minutes", "inquiry", "peer-challenges", "admin-seats", "search", "data",
        "password-reset-request", "password-reset", "admin-issue", "admin-plan", "admin-letter-response", "plan", "parents", "spending",
        "admin-performance", "admin-plans", "admin-spending",
    ]

    /// The values the layout reads around every page's own content.
    struct Frame<Content: Sendable>: Sendable {
        let siteName: String
        let pageTitle: String
        let breadcrumbs: [Breadcrumb]
        let hasBreadcrumbs: Bool
        let account: AccountNav?
        let page: Content
        let site = SiteLinks.shared
    }

    func render<Content: Sendable>(
        _ template: String, title: String, breadcrumbs: [Breadcrumb] = [], page: Content, status: HTTPResponse.Status = .ok,
        account: AccountNav? = nil
    ) -> Response {
        // A client that left while the page's store reads ran gets no render (see `DisconnectCancellingResponder`).
        if Task.isCancelled { return Response(status: ConnectionEnd.clientClosed) }
        let frame = Frame(
            siteName: siteName, pageTitle: title, breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty,
            account: account, page: page)
        let html = library.render(Self.prepare(frame), withTemplate: template) ?? ""
        // A page that names a signed-in user and carries their sign-out token is never stored by a browser or proxy,
        // whatever it is (an error page too).
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: account == nil ? "no-cache" : "no-store",
                      .eTag: HTTPCacheMiddleware.etag(html)],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension PageRenderer.Frame: Encodable where Content: Encodable {}

extension PageRenderer {
    /// A page's values for its template: through `encode(to:)` for a view model that is `Encodable`, through
    /// `Mirror` for the rest (`TemplateEncoding`; the same values either way).
    static func prepare(_ frame: some Sendable) -> Any {
        if let encodable = frame as? any Encodable { return TemplateEncoding.prepare(encodable) ?? frame }
        return PreparedView.prepare(frame) ?? frame
    }
}

/// The signed-in user's name and the token for the sign-out form in the header.
extension PageRenderer {
    /// A partial template rendered on its own, for a `RenderedFragment` to keep.
    func fragment<Content: Sendable>(_ template: String, _ view: Content) -> String {
        library.render(PreparedView.prepare(view) ?? view, withTemplate: template) ?? ""
    }

    /// A page for a signed-in user, with their account header (and so `no-store`).
    func renderSignedIn<Content: Sendable>(
        _ template: String, title: String, breadcrumbs: [Breadcrumb], page: Content, status: HTTPResponse.Status,
        context: AppRequestContext
    ) -> Response {
        render(template, title: title, breadcrumbs: breadcrumbs, page: page, status: status, account: AccountNav(context))
    }
}

struct AccountNav: Sendable, Encodable {
    let name: String
    let csrf: String
    let dashboardURL: String

    init?(_ context: AppRequestContext) {
        guard let user = context.user, let session = context.session else { return nil }
        self.init(name: user.name, csrf: session.csrfToken, dashboardURL: user.role == .provider ? SiteURL.providerDashboard.path : SiteURL.adminDashboard.path)
    }

    init(name: String, csrf: String, dashboardURL: String) {
        self.name = name
        self.csrf = csrf
        self.dashboardURL = dashboardURL
    }
}

/// One step in the breadcrumb trail above a page heading.
struct Breadcrumb: Sendable, Encodable {
    let title: String
    let url: String
}
