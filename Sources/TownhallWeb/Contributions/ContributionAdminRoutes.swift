import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// The clerk's side of taking part: opening questions for a meeting and calls for evidence on an inquiry, and the
/// queue of what residents sent, to accept, refuse (with a reason the sender is told), merge, or answer. Every
/// handler authorises the clerk for the body that owns the object before it reads the form.
struct ContributionAdminRoutes: Sendable {
    let clerk: BackOfficeRoutes
    let files: AttachmentFiles
    let siteName: String

    var database: AppDatabase { clerk.database }
    var time: LocalTime { clerk.time }
    var messages: ContributionMessages { ContributionMessages(siteName: siteName, time: time) }

    func register(on routes: RouteTable) {
        routes.get(.adminContributions, use: queue)
        routes.post(.adminContribution, use: decide)
        routes.get(.adminContributionFile, use: file)
        routes.post(.adminQuestions, use: questions)
        routes.post(.adminEvidenceCall, use: callForEvidence)
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await clerk.requireBody(context)
        _ = try await clerk.clerk(request, context, bodyId: body.id!)
        return try await page(body, form: FormData(), errors: FormErrors(), context: context, saved: request.queryForm.has(.saved))
    }

    /// Opens questions for a meeting (or moves their deadline), or closes them now.
    @Sendable func questions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (detail, user, form) = try await clerk.submission(request, context, clerk.requireMeeting, bodyId: { $0.summary.meeting.bodyId })
        let meetingId = detail.summary.meeting.id!, at = clerk.now(), deadlines = clerk.deadlines, rule = clerk.rule
        var errors = FormErrors()
        do {
            if form[.action] == "close" {
                guard let window = try await database.perform({ try $0.questionWindow(meetingId: meetingId) }) else { throw HTTPError(.badRequest) }
                _ = try await database.perform { try $0.closeContributionWindow(id: window.id!, now: at, actor: .user(user)) }
            } else if let days = RequestNumber.integer(form.text(.clearDays), in: -999...999) {
                _ = try await database.perform {
                    try $0.openQuestions(meetingId: meetingId, clearDays: days, now: at, deadlines: deadlines, rule: rule, actor: .user(user))
                }
            } else {
                errors.add(.clearDays, "Enter the clear working days as a whole number, for example \(ContributionLimits.defaultQuestionClearDays)")
            }
        } catch let error as TownhallError {
            errors.add(.clearDays, error.message.asSentence)
        }
        guard errors.isEmpty else {
            return try await clerk.meetingPage(detail, form: form, errors: errors, context: context, status: .unprocessableContent)
        }
        return .redirect(to: SiteURL.adminMeeting(meetingId).path(fragment: "questions"), type: .normal)
    }

    /// Opens an inquiry's call for evidence until the end of a chosen day (or moves that day), or closes it now.
    @Sendable func callForEvidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (found, user, form) = try await clerk.submission(request, context, { context in
            let slug = try context.parameters.require("slug")
            guard let found = try await database.perform({ try $0.evidenceWindow(inquirySlug: slug) }) else { throw HTTPError(.notFound) }
            return found
        }, bodyId: { $0.0.bodyId })
        let (inquiry, window) = found, at = clerk.now(), time = time
        var errors = FormErrors()
        do {
            if form[.action] == "close" {
                guard let window else { throw HTTPError(.badRequest) }
                _ = try await database.perform { try $0.closeContributionWindow(id: window.id!, now: at, actor: .user(user)) }
            } else {
                _ = try await database.perform {
                    try $0.openCallForEvidence(inquirySlug: inquiry.slug, closesOn: form.text(.closesOn), now: at, time: time, actor: .user(user))
                }
            }
        } catch let error as TownhallError {
            errors.add(anchor: Self.closesOnAnchor(inquiry.slug), error.message.asSentence)
        }
        guard let body = try await database.body(id: inquiry.bodyId) else { throw HTTPError(.notFound) }
        guard errors.isEmpty else { return try await page(body, form: form, errors: errors, context: context, status: .unprocessableContent) }
        return .redirect(to: SiteURL.adminContributions(body: body.slug).path(query: [(.saved, "1")]), type: .normal)
    }

    /// Accept, refuse, merge or answer one contribution.
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let time = time
        let (found, user, form) = try await clerk.submission(request, context, { context in
            let id = try PublicRoutes.id(context)
            guard let found = try await database.perform({ try $0.contributionContext(id: id, time: time) }) else { throw HTTPError(.notFound) }
            return found
        }, bodyId: { $0.bodyId })
        let id = found.contribution.id!
        let decision: ContributionDecision
        switch form[.action] {
        case "accept": decision = .accept
        case "reject": decision = .reject(reason: form.text(.reason, row: id))
        case "merge":
            guard let into = RequestNumber.id(form.text(.into, row: id)) else {
                var errors = FormErrors()
                errors.add(.into, row: id, "Choose the accepted question to merge it with")
                return try await page(found.bodyId, form: form, errors: errors, context: context)
            }
            decision = .merge(into: into)
        case "answer": decision = .answer(text: form[.answer, row: id], by: form.text(.answeredBy, row: id))
        default: throw HTTPError(.badRequest)
        }
        let at = clerk.now(), messages = messages
        do {
            _ = try await database.perform { try $0.decideContribution(id: id, decision, now: at, time: time, actor: .user(user), message: messages.decision) }
        } catch TownhallError.invalid(let message) {
            var errors = FormErrors()
            errors.add(Self.field(for: decision), row: id, message.asSentence)
            return try await page(found.bodyId, form: form, errors: errors, context: context)
        }
        guard let body = try await database.body(id: found.bodyId) else { throw HTTPError(.notFound) }
        return .redirect(to: SiteURL.adminContributions(body: body.slug).path(query: [(.saved, "1")]) + "#contribution-\(id)", type: .normal)
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let time = time
        guard let found = try await database.perform({ try $0.contributionContext(id: try PublicRoutes.id(context), time: time) }),
              let file = StoredFile(found.contribution)
        else { throw HTTPError(.notFound) }
        _ = try await clerk.clerk(request, context, bodyId: found.bodyId)
        return try PublicRoutes.fileResponse(file, files: files, cacheControl: "no-store")
    }

    /// The field a refused decision's message sits beside.
    static func field(for decision: ContributionDecision) -> FormField {
        switch decision {
        case .accept, .reject: .reason
        case .merge: .into
        case .answer: .answer
        }
    }

    static func closesOnAnchor(_ slug: String) -> String { "\(FormField.closesOn.rawValue)-\(slug)" }

    private func page(_ bodyId: Int64, form: FormData, errors: FormErrors, context: AppRequestContext) async throws -> Response {
        guard let body = try await database.body(id: bodyId) else { throw HTTPError(.notFound) }
        return try await page(body, form: form, errors: errors, context: context, status: .unprocessableContent)
    }

    private func page(_ body: Body, form: FormData, errors: FormErrors, context: AppRequestContext, status: HTTPResponse.Status = .ok,
                      saved: Bool = false) async throws -> Response {
        let bodyId = body.id!, time = time
        let entries = try await database.perform { try $0.contributionQueue(bodyId: bodyId, time: time) }
        let inquiries = body.kind == .lpac ? try await database.perform { try $0.inquiriesWithCalls(bodyId: bodyId) } : []
        let view = ContributionQueueView(
            body: body, entries: entries, inquiries: inquiries, csrf: context.session?.csrfToken ?? "", form: form, errors: errors,
            now: clerk.now(), time: time, saved: saved)
        return clerk.render("admin-contributions", (errors.isEmpty ? "" : "Error: ") + "Questions and evidence: \(body.name)", view, context,
                            status: status)
    }
}
