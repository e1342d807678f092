import Hummingbird
import Logging

/// Turns errors into pages in the site's layout: 404 for anything missing or not public, a plain apology for
/// anything unexpected (logged, never shown).
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    struct ErrorView: Sendable {
        let heading: String
        let message: String
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return page(for: error.status)
        } catch let error as TownhallError {
            if case .notFound = error { return page(for: .notFound) }
            context.logger.error("request failed", metadata: ["error": "\(error.message)", "path": "\(request.uri.path)"])
            return page(for: .internalServerError)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return page(for: .internalServerError)
        }
    }

    func page(for status: HTTPResponse.Status) -> Response {
        let view: ErrorView
        switch status {
        case .notFound:
            view = ErrorView(
                heading: "Page not found",
                message: "If you typed the web address, check it is correct. If you pasted it, check you copied all of it. Papers that have not been published yet, or that are exempt from publication, are not shown.")
        case .badRequest:
            view = ErrorView(heading: "Sorry, there is a problem with your request", message: "Check the address or form and try again.")
        case .methodNotAllowed:
            view = ErrorView(heading: "That action is not available", message: "This page cannot be used that way.")
        default:
            view = ErrorView(heading: "Sorry, there is a problem with the service", message: "Try again later.")
        }
        let code = status.code >= 500 ? HTTPResponse.Status.internalServerError : status
        return pages.render("error", title: view.heading, page: view, status: code)
    }
}
