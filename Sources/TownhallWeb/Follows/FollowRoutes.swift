import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Following by e-mail, with no account (issue 19). The follow form takes an address and sends it a confirmation
/// link; nothing else is sent until that link is used. Every later message links to the address's follows page and
/// carries a one-click unsubscribe (RFC 8058). The link's token is the only key: a page reached with an unknown
/// token is a 404 that says so. Forms used in a browser carry a double-submit CSRF cookie (nobody is signed in);
/// the one-click unsubscribe takes a bare POST, as RFC 8058 requires, since its token is the secret.
struct FollowRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let cookies: SiteCookies
    let siteName: String
    let time: LocalTime
    let now: @Sendable () -> Date

    var messages: FollowMessages { FollowMessages(siteName: siteName) }

    func register(on routes: RouteTable) {
        routes.get(.follow, use: showFollow)
        routes.post(.follow, use: follow)
        routes.get(.follows, use: showFollows)
        routes.post(.follows, use: changeFollows)
        routes.get(.followConfirm, use: showFollows)
        routes.post(.followConfirm, use: confirm)
        routes.get(.unsubscribe, use: showUnsubscribe)
        routes.post(.unsubscribe, use: unsubscribe)
    }

    @Sendable func showFollow(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (target, title) = try await publicTarget(request.queryForm)
        return followPage(FollowFormView(csrf: AppDatabase.randomToken(), target: target, title: title))
    }

    @Sendable func follow(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        try cookies.requireFormToken(request, form)
        let (target, title) = try await publicTarget(form)
        let email = form.text(.email), frequencyText = form.text(.frequency)
        var errors = FormErrors()
        if let problem = Follow.emailProblem(email) { errors.add(.email, problem) }
        let frequency = FollowFrequency(rawValue: frequencyText)
        if frequency == nil { errors.add(.frequency, "Choose how often you want to hear") }
        // A field no person sees or fills in: a form that fills it is a robot's, and is told it was sent.
        if !form.text(.website).isEmpty {
            return followPage(FollowFormView(csrf: AppDatabase.randomToken(), target: target, title: title, email: email, sent: true))
        }
        guard errors.isEmpty, let frequency else {
            return followPage(FollowFormView(csrf: AppDatabase.randomToken(), target: target, title: title, email: email, frequency: frequencyText,
                                             errors: errors), status: .unprocessableContent)
        }
        let messages = messages, client = context.remoteAddress, at = now(), time = time
        do {
            try await database.perform {
                try $0.requestFollow(email: email, target: target, frequency: frequency, from: client, now: at, time: time,
                                     confirmation: messages.confirmation, alreadyFollowing: messages.alreadyFollowing)
            }
        } catch TownhallError.conflict(let message) {
            errors.add(.email, message.asSentence)
            return followPage(FollowFormView(csrf: AppDatabase.randomToken(), target: target, title: title, email: email, frequency: frequencyText,
                                             errors: errors), status: .tooManyRequests)
        }
        return followPage(FollowFormView(csrf: AppDatabase.randomToken(), target: target, title: title, email: email, sent: true))
    }

    @Sendable func showFollows(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let owner = try await database.perform({ try $0.followOwner(token: token) }) else { return unknownLink() }
        let query = request.queryForm
        let notice = query.optional(.saved) != nil ? "Your change is saved." : query.optional(.changed) != nil ? "You are now following \(owner.follow.targetTitle)." : nil
        return followsPage(owner, token: token, notice: notice)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormData.read(request, context: context)
        try cookies.requireFormToken(request, form)
        let at = now()
        guard try await database.perform({ try $0.confirmFollow(token: token, now: at) }) != nil else { return unknownLink() }
        return .redirect(to: SiteURL.follows(token: token).path(query: [(.changed, "1")]), type: .normal)
    }

    /// A button on the follows page: `stop` or a frequency for one follow, or `stop-all`.
    @Sendable func changeFollows(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormData.read(request, context: context)
        try cookies.requireFormToken(request, form)
        let action = form.text(.action), id = Int64(form.text(.follow)), at = now()
        switch action {
        case "stop-all":
            _ = try await database.perform { try $0.unfollowAll(token: token) }
            return unsubscribedPage(title: nil, manageURL: nil)
        case "stop":
            guard let id else { throw HTTPError(.badRequest) }
            guard let stopped = try await database.perform({ try $0.unfollow(token: token, id: id) }) else { return unknownLink() }
            return try await afterStopping(stopped, token: token)
        default:
            guard let id, let frequency = FollowFrequency(rawValue: action) else { throw HTTPError(.badRequest) }
            guard try await database.perform({ try $0.setFollowFrequency(token: token, id: id, frequency: frequency, now: at) }) else { return unknownLink() }
            return .redirect(to: SiteURL.follows(token: token).path(query: [(.saved, "1")]), type: .normal)
        }
    }

    @Sendable func showUnsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let owner = try await database.perform({ try $0.followOwner(token: token) }) else { return unknownLink() }
        return page("unsubscribe", title: "Stop following \(owner.follow.targetTitle)",
                    UnsubscribeView(action: SiteURL.unsubscribe(token: token).path, followTitle: owner.follow.targetTitle, done: false, unknown: false, manageURL: nil))
    }

    /// RFC 8058's one-click unsubscribe, and the page's button, which posts the same. Needs nothing but the token.
    @Sendable func unsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        _ = try await FormData.read(request, context: context)
        guard let stopped = try await database.perform({ try $0.unfollow(token: token) }) else { return unknownLink() }
        return try await afterStopping(stopped, token: token)
    }

    /// "You no longer follow …", with a link to the address's other follows if it has any (through one of theirs,
    /// since the stopped follow's link no longer works).
    private func afterStopping(_ stopped: Follow, token: String) async throws -> Response {
        let others = try await database.perform { try $0.follows(email: stopped.email) }.filter(\.isConfirmed)
        return unsubscribedPage(title: stopped.targetTitle, manageURL: others.first.map { SiteURL.follows(token: $0.token).path })
    }

    /// The target a form or link names, if the public can see it; otherwise a 404.
    private func publicTarget(_ form: FormData) async throws -> (FollowTarget, String) {
        guard let target = FollowLink.target(form) else { throw HTTPError(.notFound) }
        let time = time
        guard let title = try await database.perform({ try $0.followTargetTitle(target, time: time) }) else { throw HTTPError(.notFound) }
        return (target, title)
    }

    private func followPage(_ view: FollowFormView, status: HTTPResponse.Status = .ok) -> Response {
        let title = view.sent ? "Check your email" : (view.hasErrors ? "Error: " : "") + "Follow \(view.targetTitle)"
        var response = pages.render("follow", title: title, page: view, status: status)
        response.headers[.cacheControl] = "no-store"
        response.headers[values: .setCookie].append(cookies.formCSRF(view.csrf, path: Route.follow.path([])))
        return response
    }

    private func followsPage(_ owner: FollowOwner, token: String, notice: String?) -> Response {
        let view = FollowsView(csrf: AppDatabase.randomToken(), owner: owner, token: token, notice: notice)
        var response = page("follows", title: view.needsConfirming ? "Confirm: follow \(owner.follow.targetTitle)" : "Your email alerts", view)
        response.headers[values: .setCookie].append(cookies.formCSRF(view.csrf, path: SiteURL.follows(token: token).path))
        return response
    }

    private func unsubscribedPage(title: String?, manageURL: String?) -> Response {
        page("unsubscribe", title: "You have stopped following", UnsubscribeView(action: "", followTitle: title, done: true, unknown: false, manageURL: manageURL))
    }

    private func unknownLink() -> Response {
        page("unsubscribe", title: "That link does not work", UnsubscribeView(action: "", followTitle: nil, done: false, unknown: true, manageURL: nil), status: .notFound)
    }

    /// No page here is kept by a browser or proxy: each is reached through a private link.
    private func page<View: Sendable>(_ template: String, title: String, _ view: View, status: HTTPResponse.Status = .ok) -> Response {
        var response = pages.render(template, title: title, page: view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
