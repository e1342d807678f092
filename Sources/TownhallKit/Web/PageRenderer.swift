import Foundation
import Hummingbird
import Mustache

/// Wraps every page in the site layout. Templates receive only view models (already formatted strings),
/// so they never query or compute.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let siteName: String

    public init(templatesDirectory: String, siteName: String) async throws {
        library = try await MustacheLibrary(directory: templatesDirectory)
        self.siteName = siteName
        for name in ["layout", "home", "body", "meeting", "paper", "error"] where library.getTemplate(named: name) == nil {
            throw TownhallError.io("template \(name).mustache is missing from \(templatesDirectory)")
        }
    }

    /// The values the layout reads around every page's own content.
    struct Frame<Content: Sendable>: Sendable {
        let siteName: String
        let pageTitle: String
        let breadcrumbs: [Breadcrumb]
        let hasBreadcrumbs: Bool
        let page: Content
    }

    func render<Content: Sendable>(
        _ template: String, title: String, breadcrumbs: [Breadcrumb] = [], page: Content, status: HTTPResponse.Status = .ok
    ) -> Response {
        let frame = Frame(
            siteName: siteName, pageTitle: title, breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty, page: page)
        let html = library.render(frame, withTemplate: template) ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// One step in the breadcrumb trail above a page heading.
struct Breadcrumb: Sendable {
    let title: String
    let url: String
}
