import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// A body's forward plan (2012 Access to Information Regulations): its iCalendar and JSON exports for residents and
/// other software, and the clerk's page to publish an entry. The store applies `ForwardPlanRule`; this reports it.
struct ForwardPlanRoutes: Sendable {
    let clerk: BackOfficeRoutes
    let baseURL: String
    var database: AppDatabase { clerk.database }
    var time: LocalTime { clerk.time }

    func register(on routes: RouteTable) {
        routes.get(.bodyPlanCalendar) { _, context in try await calendar(try context.parameters.require("slug")) }
        routes.get(.bodyPlanData) { _, context in try await data(try context.parameters.require("slug")) }
        routes.get(.adminPlan, use: planPage)
        routes.post(.adminPlan, use: addEntry)
    }

    /// The plan from today on; an unknown body is a 404.
    func entries(_ slug: String) async throws -> (Body, [PlanEntry]) {
        guard let body = try await database.body(slug: slug) else { throw HTTPError(.notFound) }
        return (body, try await database.forwardPlan(body: slug, from: time.calendarDay(of: clerk.now())))
    }

    /// Each expected decision as an all-day, tentative event on its expected day.
    func calendar(_ slug: String) async throws -> Response {
        let (body, entries) = try await entries(slug)
        let host = URL(string: baseURL)?.host ?? "townhall"
        let page = baseURL + SiteURL.bodyPage(slug: body.slug).path + "#forward-plan"
        let events = entries.compactMap { entry -> ICalendar.Event? in
            guard let day = Day(entry.expectedOn) else { return nil }
            let row = BodyView.PlanRow(entry, time: time)
            let lines = [row.isKeyDecision ? "Key decision." : nil, row.privateParagraph.map { $0 + "." }, row.noticeLabel + ".",
                         entry.noticeReason.map { "Reasons: \($0)" }, page].compactMap { $0 }
            return ICalendar.Event(
                uid: "plan-entry-\(entry.id!)@\(host)", stamp: entry.publishedAt, start: entry.publishedAt, end: nil,
                summary: "\(body.name): \(entry.title)", location: nil, description: lines.joined(separator: "\n"), url: page,
                status: .scheduled, allDay: day)
        }
        let text = ICalendar(name: "\(body.name): forward plan", timeZone: time.timeZone).render(events)
        return FeedRoutes.response(text, type: "text/calendar; charset=utf-8", fileName: "\(body.slug)-forward-plan.ics")
    }

    /// The plan as JSON: every field the public page shows, by stable names.
    func data(_ slug: String) async throws -> Response {
        let (body, entries) = try await entries(slug)
        let value = JSONValue.object([
            "body": .object(["name": .string(body.name), "slug": .string(body.slug), "url": .string(baseURL + SiteURL.bodyPage(slug: body.slug).path)]),
            "noticeClearDays": .int(Int64(ForwardPlanRule.noticeClearDays)),
            "entries": .array(entries.map { entry in
                JSONValue.object([
                    "id": .int(entry.id!), "title": .string(entry.title), "expectedOn": .string(entry.expectedOn),
                    "keyDecision": .bool(entry.isKeyDecision), "private": .bool(entry.isPrivate),
                    "schedule12AParagraph": entry.exemptParagraph.map { .int(Int64($0.rawValue)) },
                    "publishedAt": .string(time.isoLocal(entry.publishedAt)), "notice": .string(entry.notice.rawValue),
                    "noticeLabel": .string(entry.notice.label), "noticeReason": entry.noticeReason.map(JSONValue.string),
                ])
            }),
        ])
        return FeedRoutes.response(String(decoding: try value.data(), as: UTF8.self), type: "application/json; charset=utf-8")
    }

    @Sendable func planPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await clerk.requireBody(context)
        _ = try await clerk.clerk(request, context, bodyId: body.id!)
        return try await page(body, form: FormData([:]), errors: FormErrors(), context: context, saved: request.queryForm.has(.saved))
    }

    @Sendable func addEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (body, user, form) = try await clerk.submission(request, context, clerk.requireBody, bodyId: { $0.id! })
        var errors = FormErrors()
        if form.text(.title).isEmpty { errors.add(.title, "Enter what is to be decided") }
        if Day(form.text(.date)) == nil { errors.add(.date, "Enter the expected date as a real date, for example 2027-05-01") }
        let paragraph = form.text(.paragraph).isEmpty ? nil : Int(form.text(.paragraph)).flatMap(ExemptParagraph.init(rawValue:))
        if !form.text(.paragraph).isEmpty, paragraph == nil { errors.add(.paragraph, "Choose a paragraph of Schedule 12A, or public") }
        let exception = form.text(.exception).isEmpty ? nil : PlanNotice(rawValue: form.text(.exception))
        if !form.text(.exception).isEmpty, exception == nil { errors.add(.exception, "Choose the exception, or none") }
        if errors.isEmpty {
            do {
                let now = clerk.now()
                _ = try await database.perform { try $0.addPlanEntry(
                    body: body.slug, title: form.text(.title), expectedOn: form.text(.date), isKeyDecision: form.text(.keyDecision) == "yes",
                    exemptParagraph: paragraph, exception: exception, reason: form.text(.reason), at: now, actor: .user(user)) }
                return .redirect(to: SiteURL.adminPlan(body: body.slug).path(query: [(.saved, "1")]), type: .normal)
            } catch let error as TownhallError {
                errors.add(Self.field(for: error.message), error.message.asSentence)
            }
        }
        return try await page(body, form: form, errors: errors, context: context, status: .unprocessableContent)
    }

    /// The field a refusal from `ForwardPlanRule` is about, so the message sits beside it.
    static func field(for message: String) -> FormField {
        if message.contains("give the reasons") { return .reason }
        if message.contains("expected") && !message.contains("exception") { return .date }
        return .exception
    }

    private func page(_ body: Body, form: FormData, errors: FormErrors, context: AppRequestContext,
                      status: HTTPResponse.Status = .ok, saved: Bool = false) async throws -> Response {
        let entries = try await database.forwardPlan(body: body.slug, from: time.calendarDay(of: clerk.now()))
        let view = PlanFormView(
            body: body, entries: entries.map { BodyView.PlanRow($0, time: time) }, form: form, errors: errors,
            csrf: context.session?.csrfToken ?? "", saved: saved)
        return clerk.render("admin-plan", (errors.isEmpty ? "" : "Error: ") + "Forward plan of \(body.name)", view, context, status: status)
    }
}

/// The clerk's forward plan page: the plan from today, and the form to publish an entry, with its values and errors.
struct PlanFormView: Sendable {
    let bodyName: String
    let publicURL: String
    let calendarURL: String
    let dataURL: String
    let action: String
    let csrf: String
    let entries: [BodyView.PlanRow]
    let hasEntries: Bool
    let noticeDays = ForwardPlanRule.noticeClearDays
    let exceptionDays = ForwardPlanRule.generalExceptionClearDays
    let title: String
    let date: String
    let keyDecision: Bool
    let paragraphs: [Choice]
    let exceptions: [Choice]
    let reason: String
    /// After an entry is published: the notice that it is on the public plan.
    let saved: Bool
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
    let titleError: String?
    let dateError: String?
    let paragraphError: String?
    let exceptionError: String?
    let reasonError: String?

    init(body: Body, entries: [BodyView.PlanRow], form: FormData, errors: FormErrors, csrf: String, saved: Bool) {
        bodyName = body.name
        publicURL = SiteURL.bodyPage(slug: body.slug).path + "#forward-plan"
        calendarURL = SiteURL.bodyPlanCalendar(slug: body.slug).path
        dataURL = SiteURL.bodyPlanData(slug: body.slug).path
        action = SiteURL.adminPlan(body: body.slug).path
        self.csrf = csrf
        self.entries = entries
        hasEntries = !entries.isEmpty
        title = form.text(.title)
        date = form.text(.date)
        keyDecision = form.text(.keyDecision) == "yes"
        paragraphs = [Choice(value: "", label: "No: taken in public", selected: form.text(.paragraph).isEmpty)] + ExemptParagraph.allCases.map {
            Choice(value: String($0.rawValue), label: "Yes: paragraph \($0.rawValue), \($0.summary)", selected: form.text(.paragraph) == String($0.rawValue))
        }
        exceptions = [Choice(value: "", label: "None: on the plan in time", selected: form.text(.exception).isEmpty)]
            + [PlanNotice.generalException, .specialUrgency].map {
                Choice(value: $0.rawValue, label: $0.label, selected: form.text(.exception) == $0.rawValue)
            }
        reason = form.text(.reason)
        self.saved = saved
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
        titleError = errors.message(for: .title)
        dateError = errors.message(for: .date)
        paragraphError = errors.message(for: .paragraph)
        exceptionError = errors.message(for: .exception)
        reasonError = errors.message(for: .reason)
    }
}
