import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Taking part (issue 19): a resident asks a question for a meeting or sends written evidence to an LPAC inquiry,
/// with no account. The form says what will be published; the sender confirms from the e-mailed link (nothing
/// reaches a clerk before that); a clerk decides (`ContributionAdminRoutes`); only accepted ones are published, on
/// the meeting page and in its minutes, or on the inquiry page and `/evidence/{id}`. Forms carry a double-submit CSRF
/// cookie (nobody is signed in), a honeypot, and `ContributionLimits`.
struct ContributionRoutes: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let cookies: SiteCookies
    let files: AttachmentFiles
    let maxUploadBytes: Int
    let siteName: String
    let time: LocalTime
    let now: @Sendable () -> Date

    var messages: ContributionMessages { ContributionMessages(siteName: siteName, time: time) }

    func register(on routes: RouteTable) {
        routes.get(.askQuestion, use: showQuestionForm)
        routes.post(.askQuestion, use: askQuestion)
        routes.get(.submitEvidence, use: showEvidenceForm)
        routes.post(.submitEvidence, use: submitEvidence)
        routes.get(.contribution, use: showContribution)
        routes.post(.contribution, use: confirm)
        routes.get(.evidence, use: evidencePage)
        routes.get(.evidenceFile, use: evidenceFile)
    }

    // MARK: Asking and sending

    /// Where a form sends to: the window, what it is for, and where that is.
    struct Place: Sendable {
        let window: ContributionWindow
        let title: String
        let url: String
        let action: String
    }

    /// A meeting's questions window; a 404 when questions were never opened for it.
    private func questionPlace(_ context: AppRequestContext) async throws -> Place {
        let id = try PublicRoutes.id(context), time = time
        guard let window = try await database.perform({ try $0.questionWindow(meetingId: id) }),
              let title = try await database.perform({ try $0.followTargetTitle(.meeting(id), time: time) })
        else { throw HTTPError(.notFound) }
        return Place(window: window, title: title, url: SiteURL.meeting(id).path, action: SiteURL.askQuestion(meeting: id).path)
    }

    /// An inquiry's call for evidence; a 404 when there never was one.
    private func evidencePlace(_ context: AppRequestContext) async throws -> Place {
        let slug = try context.parameters.require("slug")
        guard let (inquiry, window) = try await database.perform({ try $0.evidenceWindow(inquirySlug: slug) }), let window else { throw HTTPError(.notFound) }
        return Place(window: window, title: "Inquiry: \(inquiry.title)", url: SiteURL.inquiry(slug: slug).path, action: SiteURL.submitEvidence(inquiry: slug).path)
    }

    @Sendable func showQuestionForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        formPage(ContributeView(kind: .question, place: try await questionPlace(context), csrf: AppDatabase.randomToken(), now: now(), time: time))
    }

    @Sendable func showEvidenceForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        formPage(ContributeView(kind: .evidence, place: try await evidencePlace(context), csrf: AppDatabase.randomToken(), now: now(), time: time,
                                maxFileBytes: maxUploadBytes))
    }

    @Sendable func askQuestion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let place = try await questionPlace(context)
        let form = try await FormData.read(request, context: context, limit: 64 * 1024)
        return try await send(.question, place: place, form: form, request: request, context: context)
    }

    @Sendable func submitEvidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let place = try await evidencePlace(context)
        let form: FormData
        do {
            // Room for the text and the multipart framing on top of the file itself.
            form = try await FormData.read(request, context: context, limit: maxUploadBytes + 128 * 1024)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            var errors = FormErrors()
            errors.add(.file, "The file must be smaller than \(AttachmentLink.size(maxUploadBytes)). Nothing was sent; choose a smaller file and type your evidence again")
            return formPage(ContributeView(kind: .evidence, place: place, csrf: AppDatabase.randomToken(), now: now(), time: time,
                                           maxFileBytes: maxUploadBytes, errors: errors), status: .contentTooLarge)
        }
        return try await send(.evidence, place: place, form: form, request: request, context: context)
    }

    private func send(_ kind: ContributionKind, place: Place, form: FormData, request: Request, context: AppRequestContext) async throws -> Response {
        try cookies.requireFormToken(request, form)
        let at = now(), time = time, maxBytes = maxUploadBytes
        let draft = ContributionDraft(kind: kind, name: form[.name], email: form[.email], organisation: kind == .evidence ? form[.organisation] : "",
                                      text: form[.text])
        func again(_ errors: FormErrors, status: HTTPResponse.Status) -> Response {
            formPage(ContributeView(kind: kind, place: place, csrf: AppDatabase.randomToken(), now: at, time: time, maxFileBytes: maxBytes,
                                    draft: draft, errors: errors), status: status)
        }
        guard place.window.isOpen(at: at) else {
            var errors = FormErrors()
            errors.add(.text, "The deadline has passed: \(kind.noun) had to be confirmed by \(place.window.closingPhrase(time: time))")
            return again(errors, status: .conflict)
        }
        // A field no person sees or fills in: a form that fills it is a robot's, and is told it was sent.
        if !form.text(.website).isEmpty {
            return formPage(ContributeView(kind: kind, place: place, csrf: AppDatabase.randomToken(), now: at, time: time, draft: draft, sent: true))
        }
        var errors = FormErrors()
        for (field, message) in draft.problems { errors.add(Self.formField(field), message) }
        guard errors.isEmpty else { return again(errors, status: .unprocessableContent) }
        let file = form.files["file"].flatMap { $0.fileName.isEmpty && $0.data.isEmpty ? nil : ContributionFile(name: $0.fileName, data: $0.data) }
        let client = context.remoteAddress, messages = messages, files = files
        do {
            _ = try await database.perform {
                try $0.submitContribution(windowId: place.window.id!, draft: draft, file: file, files: files, maxFileBytes: maxBytes, from: client,
                                          now: at, time: time, confirmation: messages.confirmation)
            }
        } catch TownhallError.conflict(let message) {
            errors.add(.email, message.asSentence)
            return again(errors, status: .tooManyRequests)
        } catch TownhallError.invalid(let message) {
            errors.add(file == nil ? .text : .file, message.asSentence)
            return again(errors, status: .unprocessableContent)
        }
        return formPage(ContributeView(kind: kind, place: place, csrf: AppDatabase.randomToken(), now: at, time: time, draft: draft, sent: true))
    }

    /// The form's field for each of the draft's, one to one.
    static func formField(_ field: ContributionDraft.Field) -> FormField {
        switch field {
        case .name: .name
        case .email: .email
        case .organisation: .organisation
        case .text: .text
        }
    }

    private func formPage(_ view: ContributeView, status: HTTPResponse.Status = .ok) -> Response {
        var response = pages.render("contribute", title: view.pageTitle, page: view, status: status)
        response.headers[.cacheControl] = "no-store"
        response.headers[values: .setCookie].append(cookies.formCSRF(view.csrf, path: view.action))
        return response
    }

    // MARK: Confirming

    @Sendable func showContribution(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token"), time = time
        guard let found = try await database.perform({ try $0.contributionContext(token: token, time: time) }) else { return unknownLink() }
        return confirmPage(found, token: token, notice: request.queryForm.optional(.changed) != nil ? "Thank you. It has gone to the clerk." : nil, problem: nil)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormData.read(request, context: context)
        try cookies.requireFormToken(request, form)
        let at = now(), time = time
        do {
            guard try await database.perform({ try $0.confirmContribution(token: token, now: at, time: time) }) != nil else { return unknownLink() }
        } catch TownhallError.conflict(let message) {
            guard let found = try await database.perform({ try $0.contributionContext(token: token, time: time) }) else { return unknownLink() }
            return confirmPage(found, token: token, notice: nil, problem: message.asSentence, status: .conflict)
        }
        return .redirect(to: SiteURL.contribution(token: token).path(query: [(.changed, "1")]), type: .normal)
    }

    private func confirmPage(_ found: ContributionContext, token: String, notice: String?, problem: String?, status: HTTPResponse.Status = .ok) -> Response {
        let view = ContributionStatusView(found, token: token, csrf: AppDatabase.randomToken(), notice: notice, problem: problem, time: time)
        var response = pages.render("contribution", title: view.pageTitle, page: view, status: status)
        response.headers[.cacheControl] = "no-store"
        response.headers[values: .setCookie].append(cookies.formCSRF(view.csrf, path: view.action))
        return response
    }

    private func unknownLink() -> Response {
        var response = pages.render("contribution", title: "That link does not work", page: ContributionStatusView.unknown, status: .notFound)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    // MARK: Published evidence

    @Sendable func evidencePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let found = try await database.publishedEvidence(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
        let view = EvidenceView(found, time: time)
        return pages.render("evidence", title: view.pageTitle, page: view)
    }

    @Sendable func evidenceFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let found = try await database.publishedEvidence(id: try PublicRoutes.id(context)), let file = StoredFile(found.evidence)
        else { throw HTTPError(.notFound) }
        return try PublicRoutes.fileResponse(file, files: files, cacheControl: "public, max-age=3600")
    }
}
