import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// The clerk's members page for a body: the seats its kind requires (empty ones flagged), the current members,
/// and forms to seat someone or end a membership. The store enforces the seat rules; this page reports them.
struct SeatRoutes: Sendable {
    let clerk: BackOfficeRoutes
    var database: AppDatabase { clerk.database }
    var time: LocalTime { clerk.time }

    func register(on routes: RouteTable) {
        routes.get(.adminMembers, use: members)
        routes.post(.adminMembers, use: addMember)
        routes.post(.adminMemberEnd, use: endMember)
    }

    @Sendable func members(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await clerk.requireBody(context)
        _ = try await clerk.clerk(request, context, bodyId: body.id!)
        let form = FormData([.start: time.day(of: clerk.now()), .end: time.day(of: clerk.now()), .role: "member"])
        return try await page(body, form: form, errors: FormErrors(), context: context)
    }

    @Sendable func addMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (body, user, form) = try await clerk.submission(request, context, clerk.requireBody, bodyId: { $0.id! })
        var errors = FormErrors()
        if form.text(.name).isEmpty { errors.add(.name, "Enter the member's name") }
        let role = MembershipRole(rawValue: form.text(.role))
        if role == nil { errors.add(.role, "Choose the member's role") }
        let category = SeatCategory(rawValue: form.text(.category))
        if category == nil, !SeatCategory.categories(for: body.kind).isEmpty { errors.add(.category, "Choose what the member represents") }
        if (try? time.parseDay(form.text(.start))) == nil { errors.add(.start, "Enter the first day as a real date, for example 2027-05-01") }
        if errors.isEmpty, let role {
            do {
                _ = try await database.perform { try $0.seatPerson(
                    name: form.text(.name), title: form.text(.title), body: body.id!, role: role, category: category,
                    authority: Int64(form.text(.council)), startDate: form.text(.start), localTime: time, actor: .user(user)) }
                return .redirect(to: SiteURL.adminMembers(body: body.slug).path, type: .normal)
            } catch let error as TownhallError {
                errors.add(error.message.contains("council") ? .council : .category, error.message.asSentence)
            }
        }
        return try await page(body, form: form, errors: errors, context: context, status: .unprocessableContent)
    }

    @Sendable func endMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (body, user, form) = try await clerk.submission(request, context, clerk.requireBody, bodyId: { $0.id! })
        let id = try PublicRoutes.id(context)
        let today = time.day(of: clerk.now())
        guard let detail = try await database.bodyDetail(slug: body.slug, now: clerk.now(), time: time),
              detail.members.contains(where: { $0.membershipId == id }) else { throw HTTPError(.notFound) }
        var errors = FormErrors()
        do {
            _ = try await database.perform {
                try $0.endMembership(id: id, on: form.text(.end).isEmpty ? today : form.text(.end), localTime: time, actor: .user(user))
            }
            return .redirect(to: SiteURL.adminMembers(body: body.slug).path, type: .normal)
        } catch let error as TownhallError {
            errors.add(.end, row: id, error.message.asSentence)
        }
        return try await page(body, form: FormData([.start: today, .end: form.text(.end), .role: "member"]),
                              errors: errors, context: context, status: .unprocessableContent)
    }

    private func page(_ body: Body, form: FormData, errors: FormErrors, context: AppRequestContext,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let detail = try await database.bodyDetail(slug: body.slug, now: clerk.now(), time: time) else { throw HTTPError(.notFound) }
        let councils = try await database.councilChoices(body: body)
        let view = SeatsFormView(
            detail: detail, councils: councils, form: form, errors: errors, csrf: context.session?.csrfToken ?? "")
        return clerk.render("admin-seats", (errors.isEmpty ? "" : "Error: ") + "Members of \(body.name)", view, context, status: status)
    }
}

/// The members page of the back office, with the add-member form's values and errors.
struct SeatsFormView: Sendable {
    struct MemberRow: Sendable {
        let name: String
        let role: String
        let representing: String
        let since: String
        let endAction: String
        let endField: String
        let endError: String?
    }

    let bodyName: String
    let publicURL: String
    let action: String
    let csrf: String
    let seats: [SeatRow]
    let vacant: [SeatRow]
    let hasVacant: Bool
    let members: [MemberRow]
    let hasMembers: Bool
    let name: String
    let title: String
    let start: String
    let end: String
    let roles: [Choice]
    let categories: [Choice]
    let hasCategories: Bool
    let councils: [Choice]
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
    let nameError: String?
    let roleError: String?
    let categoryError: String?
    let councilError: String?
    let startError: String?

    init(detail: BodyDetail, councils: [Authority], form: FormData, errors: FormErrors, csrf: String) {
        let body = detail.body
        bodyName = body.name
        publicURL = SiteURL.bodyPage(slug: body.slug).path
        action = SiteURL.adminMembers(body: body.slug).path
        self.csrf = csrf
        seats = detail.seats.map(SeatRow.init)
        vacant = seats.filter(\.isEmpty)
        hasVacant = !vacant.isEmpty
        members = detail.members.map { member in
            MemberRow(
                name: member.person.name, role: member.role.label,
                representing: [member.category?.label, member.authorityName].compactMap { $0 }.joined(separator: ", "),
                since: member.startDate, endAction: SiteURL.adminMemberEnd(body: body.slug, membership: member.membershipId).path,
                endField: FormField.end.row(member.membershipId), endError: errors.message(for: .end, row: member.membershipId))
        }
        hasMembers = !members.isEmpty
        name = form.text(.name)
        title = form.text(.title)
        start = form.text(.start)
        end = form.text(.end)
        roles = MembershipRole.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: form.text(.role) == $0.rawValue) }
        categories = SeatCategory.categories(for: body.kind).map {
            Choice(value: $0.rawValue, label: $0.label, selected: form.text(.category) == $0.rawValue)
        }
        hasCategories = !categories.isEmpty
        self.councils = [Choice(value: "", label: "None", selected: form.text(.council).isEmpty)] + councils.map {
            Choice(value: String($0.id!), label: $0.name, selected: form.text(.council) == String($0.id!))
        }
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
        nameError = errors.message(for: .name)
        roleError = errors.message(for: .role)
        categoryError = errors.message(for: .category)
        councilError = errors.message(for: .council)
        startError = errors.message(for: .start)
    }
}
