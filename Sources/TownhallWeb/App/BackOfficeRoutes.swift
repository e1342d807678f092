import Foundation
import Hummingbird
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// The back office under `/admin`: what every clerk page shares. Every handler signs the user in, checks they act
/// for the body that owns the object, and checks the CSRF token on every POST, before touching the store. The
/// pages themselves are by feature: `MeetingEditing`, `AgendaItemEditing`, `PaperEditing`, `MinutesRoutes`,
/// `SeatRoutes`, `AttachmentRoutes` and `RecommendationFollowUpRoutes`.
struct BackOfficeRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let time: LocalTime
    let rule: PublicationRule
    let maxUploadBytes: Int
    let deadlines: Deadlines
    let now: @Sendable () -> Date
    let renderer = MarkdownRenderer()

    func register(on routes: RouteTable) {
        routes.get(.adminDashboard, use: dashboard)
        registerMeetingEditing(on: routes)
        registerAgendaItemEditing(on: routes)
        registerPaperEditing(on: routes)
    }

    // MARK: Authorisation

    /// The signed-in clerk or administrator acting for `bodyId`; anyone else gets 403.
    func clerk(_ request: Request, _ context: AppRequestContext, bodyId: Int64) async throws -> User {
        let user = try context.requireUser(request)
        guard user.role != .provider else { throw HTTPError(.forbidden) }
        let bodies = try await database.perform { try $0.bodyIds(for: user) }
        guard bodies.contains(bodyId) else { throw HTTPError(.forbidden) }
        return user
    }

    static let dashboardCrumb = Breadcrumb(title: "Dashboard", url: SiteURL.adminDashboard.path)

    /// A back-office page: the signed-in header, never cached.
    func render<View: Sendable>(_ template: String, _ title: String, _ view: View, _ context: AppRequestContext,
                                breadcrumbs: [Breadcrumb] = [dashboardCrumb], status: HTTPResponse.Status = .ok) -> Response {
        pages.renderSignedIn(template, title: title, breadcrumbs: breadcrumbs, page: view, status: status, context: context)
    }

    // MARK: Dashboard

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        guard user.role != .provider else { throw HTTPError(.forbidden) }
        let bodies = try await database.clerkBodies(ids: try await database.perform { try $0.bodyIds(for: user) }, now: now(), time: time)
        let waiting = try await database.perform { try $0.contributionsWaiting() }
        return render(
            "admin-dashboard", "Dashboard", DashboardView(userName: user.name, bodies: bodies, waiting: waiting, time: time), context,
            breadcrumbs: [])
    }

    func requireBody(_ context: AppRequestContext) async throws -> Body {
        guard let body = try await database.body(slug: try context.parameters.require("slug")) else { throw HTTPError(.notFound) }
        return body
    }

    func requireMeeting(_ context: AppRequestContext) async throws -> ClerkMeetingDetail {
        guard let detail = try await database.clerkMeeting(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
        return detail
    }

    func requireItem(_ context: AppRequestContext) async throws -> (AgendaItem, MeetingSummary) {
        guard let found = try await database.clerkItem(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
        return found
    }

    func requirePaper(_ context: AppRequestContext) async throws -> ClerkPaperContext {
        guard let paper = try await database.clerkPaper(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
        return paper
    }

    /// For a form post: the object, the clerk acting for the body that owns it, and the form with its CSRF token
    /// checked, in that order, so nothing is read from an unauthorised or forged request.
    func submission<Object>(
        _ request: Request, _ context: AppRequestContext, _ load: (AppRequestContext) async throws -> Object,
        bodyId: (Object) -> Int64, limit: Int = FormData.defaultLimit
    ) async throws -> (Object, User, FormData) {
        let object = try await load(context)
        let user = try await clerk(request, context, bodyId: bodyId(object))
        let form = try await FormData.read(request, context: context, limit: limit)
        try context.requireCSRF(form)
        return (object, user, form)
    }

    /// Whether publishing now is after the meeting's deadline (five clear working days, or the day it was called).
    func isLate(_ meeting: Meeting) -> Bool {
        rule.isLate(meeting, publishedAt: now())
    }


    static func timeMessage(_ error: Error) -> String {
        if let error = error as? TownhallError, error.message.contains("clocks change") {
            return "That time does not exist on that day because the clocks go forward"
        }
        return "Time must be in 24-hour format, for example 18:30"
    }
}
