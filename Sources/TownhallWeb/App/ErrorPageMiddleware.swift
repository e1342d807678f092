import Foundation
import Hummingbird
import Logging
import TownhallDomain
import TownhallStore

/// Turns errors into pages in the site's layout: 404 for anything missing or not public, a plain apology for
/// anything unexpected (logged, never shown).
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: PageRenderer

    struct ErrorView: Sendable {
        let heading: String
        let message: String
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let signIn as SignInRequired {
            return .redirect(to: SiteURL.login.path(query: [(.next, signIn.returnTo)]), type: .normal)
        } catch is ReadOnlyRefusal {
            let view = ErrorView(
                heading: "This copy of the site is read only",
                message: "Signing in, sending forms and making changes are not available here. Pages, papers, feeds and open data are. "
                    + "Go to the site's main address to do this.")
            return pages.render("error", title: view.heading, page: view, status: .forbidden, account: AccountNav(context))
        } catch let error as HTTPError {
            if error.status == .forbidden, error.body == "csrf" { return csrfPage(context) }
            return page(for: error.status, context)
        } catch let error as TownhallError {
            switch error {
            case .notFound: return page(for: .notFound, context)
            case .conflict: return page(for: .conflict, context)
            case .invalid: return page(for: .badRequest, context)
            case .io: break
            }
            context.logger.error("request failed", metadata: ["error": "\(error.message)", "path": "\(request.uri.path)"])
            return page(for: .internalServerError, context)
        } catch let error as CancellationError {
            // The client went (`ConnectionEnd`) or the server is stopping: nobody to show a page to.
            throw error
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return page(for: .internalServerError, context)
        }
    }

    func csrfPage(_ context: Context) -> Response {
        let view = ErrorView(
            heading: "Your form could not be sent",
            message: "The page was out of date or your session had ended. Go back, reload the page and try again. Nothing was saved.")
        return pages.render("error", title: view.heading, page: view, status: .forbidden, account: AccountNav(context))
    }

    func page(for status: HTTPResponse.Status, _ context: Context) -> Response {
        let view: ErrorView
        switch status {
        case .notFound:
            view = ErrorView(
                heading: "Page not found",
                message: "If you typed the web address, check it is correct. If you pasted it, check you copied all of it. Papers that have not been published yet, or that are exempt from publication, are not shown.")
        case .forbidden:
            view = ErrorView(
                heading: "You do not have permission to see this page",
                message: "Your account is not allowed to view or change this. Ask an administrator if you think it should be.")
        case .contentTooLarge:
            view = ErrorView(heading: "The file or form is too large", message: "Go back and send something smaller.")
        case .badRequest:
            view = ErrorView(heading: "Sorry, there is a problem with your request", message: "Check the address or form and try again.")
        case .conflict:
            view = ErrorView(
                heading: "That change cannot be made now",
                message: "The page was out of date: the item has moved on (for example, it was published). Go back and reload the page.")
        case .methodNotAllowed:
            view = ErrorView(heading: "That action is not available", message: "This page cannot be used that way.")
        default:
            view = ErrorView(heading: "Sorry, there is a problem with the service", message: "Try again later.")
        }
        let code = status.code >= 500 ? HTTPResponse.Status.internalServerError : status
        return pages.render("error", title: view.heading, page: view, status: code, account: AccountNav(context))
    }
}
