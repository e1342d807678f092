import Foundation
import TownhallDomain
import TownhallStore

extension RecommendationState {
    /// The tag colour for the state, so waiting, late and answered read differently at a glance.
    var tagClass: String {
        switch self {
        case .awaitingResponse: "tag--blue"
        case .dueSoon: "tag--yellow"
        case .overdue: "tag--orange"
        case .longOverdue: "tag--red"
        case .extensionRequested: "tag--yellow"
        case .accepted: "tag--green"
        case .partiallyAccepted: "tag--turquoise"
        case .rejected: "tag--red"
        case .referred: "tag--purple"
        case .closed: "tag--grey"
        }
    }
}

/// One recommendation in a table: the tracker, an organisation's record, a dashboard.
struct RecommendationRow: Sendable {
    let id: Int64
    let number: Int
    let text: String
    let url: String
    let bodyName: String
    let organisationName: String
    let organisationURL: String
    let publicURL: String
    let reportTitle: String
    let due: String
    let isoDue: String
    let stateLabel: String
    let stateClass: String
    let isDraft: Bool
    /// Set when the action promised is past its target and not implemented.
    let actionOverdue: String?

    /// Rows in the back office link to the clerk's page, elsewhere to the public one.
    init(_ tracked: TrackedRecommendation, time: LocalTime, inBackOffice: Bool = false) {
        let record = tracked.recommendation
        id = record.id!
        number = record.number
        text = record.text
        publicURL = SiteURL.recommendation(record.id!).path
        url = inBackOffice ? SiteURL.adminRecommendation(record.id!).path : publicURL
        bodyName = tracked.body.name
        organisationName = tracked.organisation.name
        organisationURL = SiteURL.organisation(slug: tracked.organisation.slug).path
        reportTitle = tracked.paperTitle
        let dueDay = record.dueOn.flatMap(Day.init)
        due = dueDay.map(time.longDate(day:)) ?? "Not issued"
        isoDue = record.dueOn ?? ""
        isDraft = record.status == .draft
        stateLabel = isDraft ? "Draft" : tracked.state.label
        stateClass = isDraft ? "tag--grey" : tracked.state.tagClass
        actionOverdue = tracked.action?.isOverdue == true ? ActionTrack.overdueLabel : nil
    }
}

/// The tracker's filters, read from the query string; a bad date is reported, not silently ignored.
struct RecommendationFilter: Sendable {
    var state: RecommendationState?
    var organisation: String?
    var body: String?
    var dueFrom: Day?
    var dueTo: Day?
    var page = 1
    var errors = FormErrors()
    let query: FormData

    /// The filters a page link keeps, in the order the form has them.
    static let fields: [FormField] = [.state, .organisation, .body, .dueFrom, .dueTo]

    init(query: FormData) {
        self.query = query
        state = query.optional(.state).flatMap(RecommendationState.init(rawValue:))
        organisation = query.optional(.organisation).flatMap { $0.isEmpty ? nil : $0 }
        body = query.optional(.body).flatMap { $0.isEmpty ? nil : $0 }
        for (key, label) in [(FormField.dueFrom, "Due from"), (.dueTo, "Due to")] {
            guard let text = query.optional(key), !text.isEmpty else { continue }
            guard let day = Day(text) else {
                errors.add(key, "\(label) must be a real date, for example 2027-01-31")
                continue
            }
            if key == .dueFrom { dueFrom = day } else { dueTo = day }
        }
        do { page = try RequestNumber.page(query.optional(.page)) } catch { errors.add(.state, "The list's \(error.message)") }
    }

    func matches(_ tracked: TrackedRecommendation) -> Bool {
        if let state, tracked.state != state || tracked.recommendation.status == .draft { return false }
        if let organisation, tracked.organisation.slug != organisation { return false }
        if let body, tracked.body.slug != body { return false }
        let due = tracked.recommendation.dueOn.flatMap(Day.init)
        if let dueFrom, due.map({ $0 < dueFrom }) ?? true { return false }
        if let dueTo, due.map({ $0 > dueTo }) ?? true { return false }
        return true
    }

    /// The select options and typed dates, kept as chosen.
    func view(action: String, organisations: [Organisation], bodies: [Body]) -> FilterView {
        FilterView(
            action: action,
            states: RecommendationState.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == state) },
            organisations: organisations.map { Choice(value: $0.slug, label: $0.name, selected: $0.slug == organisation) },
            bodies: bodies.map { Choice(value: $0.slug, label: $0.name, selected: $0.slug == body) },
            dueFrom: query[.dueFrom], dueTo: query[.dueTo],
            dueFromError: errors.message(for: .dueFrom), dueToError: errors.message(for: .dueTo))
    }

    /// The same filters on another page of results.
    func pageURL(_ base: String, page: Int) -> String {
        let kept = Self.fields.compactMap { field in query.optional(field).flatMap { $0.isEmpty ? nil : (field, $0) } }
        return base + FormField.query(kept + [(.page, String(page))])
    }
}

struct FilterView: Sendable {
    let action: String
    let states: [Choice]
    let organisations: [Choice]
    let bodies: [Choice]
    let dueFrom: String
    let dueTo: String
    let dueFromError: String?
    let dueToError: String?
}

/// A page of table rows with links to the neighbouring pages.
struct RowPage: Sendable {
    let rows: [RecommendationRow]
    let hasRows: Bool
    let total: Int
    let summary: String
    let previousURL: String?
    let nextURL: String?

    static let size = 50

    init(_ all: [RecommendationRow], filter: RecommendationFilter, base: String) {
        total = all.count
        let start = min((filter.page - 1) * Self.size, all.count)
        rows = Array(all[start..<min(start + Self.size, all.count)])
        hasRows = !rows.isEmpty
        summary = all.isEmpty ? "No recommendations match." : "Showing \(start + 1) to \(start + rows.count) of \(all.count) recommendations."
        previousURL = filter.page > 1 ? filter.pageURL(base, page: filter.page - 1) : nil
        nextURL = start + rows.count < all.count ? filter.pageURL(base, page: filter.page + 1) : nil
    }
}

/// The public tracker and the clerk's dashboard share this page shape.
struct TrackerView: Sendable {
    let heading: String
    let intro: String
    let filter: FilterView
    let results: RowPage
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
    let counts: [StateCount]
    let hasCounts: Bool

    struct StateCount: Sendable {
        let label: String
        let count: Int
        let stateClass: String
    }

    static func counts(_ tracked: [TrackedRecommendation]) -> [StateCount] {
        RecommendationState.allCases.compactMap { state in
            let count = tracked.filter { $0.state == state && $0.recommendation.status != .draft }.count
            return count == 0 ? nil : StateCount(label: state.label, count: count, stateClass: state.tagClass)
        }
    }
}

/// Everything about one recommendation, as the public (and the clerk) read it.
struct RecommendationPageView: Sendable {
    let row: RecommendationRow
    let follow: FollowLink
    let bodyURL: String
    let reportURL: String
    let meetingTitle: String
    let issuedOn: String
    /// Set when issued before the meeting's decision (`IssueRule`).
    let issueAuthority: String?
    let rule: String
    /// What the due day rests on: the response period from issue, or the latest extension and the day it replaced.
    let dueBasis: String
    let hasAnswers: Bool
    /// Where the promised action stands: its status, per cent, target and whether it is overdue.
    let action: Action?
    /// The spending lines the recommendation cites (issue 20).
    let spending: [CitedSpending]
    let hasSpending: Bool

    struct Action: Sendable {
        let status: String
        let percent: String?
        let target: String?
        /// `ActionTrack.overdueLabel` when overdue.
        let overdue: String?
    }
    /// Its whole life as one dated list: requests, extensions, holding replies, answers, updates, referral, closing.
    let timeline: RecommendationTimeline

    struct Holding: Sendable {
        let on: String
        let by: String
        let note: String
        /// Named apart from the holding form's `expectedBy`, so a reply without a day never shows the form's value
        /// (a Mustache name not found falls through to the enclosing view).
        let promisedBy: String?

        init(_ note: HoldingNote, time: LocalTime) {
            on = time.shortDate(note.at)
            by = note.byName
            self.note = note.note
            promisedBy = note.expectedBy.flatMap(Day.init).map(time.longDate(day:))
        }
    }

    struct Request: Sendable {
        let askedOn: String
        let askedBy: String
        let from: String
        let to: String
        let reason: String
        let decision: String
        let isPending: Bool
        let decidedOn: String?
        let decidedBy: String?
        let granted: String?
        /// The clerk's reasons; named apart from the clerk form's `decisionNote` and an event's `note`, which an
        /// empty value would otherwise pick up.
        let requestNote: String?

        init(_ request: ExtensionRequest, time: LocalTime) {
            let day = { RecommendationPageView.day($0, time: time) }
            askedOn = time.shortDate(request.requestedAt)
            askedBy = request.requestedBy
            from = day(request.dueOnWhenAsked)
            to = day(request.requestedDueOn)
            reason = request.reason
            decision = request.decision.label
            isPending = request.decision == .pending
            decidedOn = request.decidedAt.map(time.shortDate)
            decidedBy = request.decidedBy
            granted = request.grantedDueOn.map(day)
            requestNote = request.decisionNote
        }
    }

    struct Answer: Sendable {
        let version: Int
        let isLatest: Bool
        let isCorrection: Bool
        let submittedOn: String
        let submittedBy: String
        /// How it arrived when not through Townhall; the clerk entered it.
        let receivedOutside: String?
        /// The authority it carries, as the responder stated it.
        let signOff: String?
        let decision: String
        let reasons: String?
        /// Named apart from the page's `action` (where the promised action stands), which an empty value would pick up.
        let actionPlanned: String?
        let targetDate: String?
        let onTime: Bool
        /// Word by word, what this version changed in the answer before it; empty for the first.
        let changes: [Change]
        let hasChanges: Bool

        /// Every submitted answer, newest first, each with what it changed in the one it replaced.
        static func all(_ detail: RecommendationDetail, time: LocalTime) -> [Answer] {
            let day = { RecommendationPageView.day($0, time: time) }
            let due = detail.tracked.recommendation.dueOn.flatMap(Day.init)
            return detail.answers.enumerated().map { index, answer in
                // Newest first: the answer this one replaced is the next in the list.
                let changes = index + 1 < detail.answers.count ? Change.between(detail.answers[index + 1].item, answer.item, day: day) : []
                return Answer(
                    version: answer.response.version, isLatest: index == 0, isCorrection: answer.response.version > 1,
                    submittedOn: answer.response.submittedAt.map(time.dateTime) ?? "", submittedBy: answer.response.submittedBy ?? "",
                    receivedOutside: answer.response.receivedOutside, signOff: answer.response.signOff,
                    decision: answer.item.decision?.label ?? "", reasons: answer.item.reasons.nonEmpty, actionPlanned: answer.item.action.nonEmpty,
                    targetDate: answer.item.targetDate.map(day),
                    onTime: RecommendationPageView.onTime(answer.response.submittedAt, due: due, time: time), changes: changes,
                    hasChanges: !changes.isEmpty)
            }
        }
    }

    /// One changed part of an answer (decision, reasons, action, target) as a word-level difference.
    struct Change: Sendable {
        let label: String
        let pieces: [Piece]

        struct Piece: Sendable {
            let text: String
            let isSame, isAdded, isRemoved: Bool
        }

        /// Nil when the part did not change.
        init?(_ label: String, _ old: String, _ new: String) {
            guard old != new else { return nil }
            self.label = label
            pieces = WordDiff.diff(old, new).map { piece in
                switch piece {
                case .same(let text): Piece(text: text, isSame: true, isAdded: false, isRemoved: false)
                case .added(let text): Piece(text: text, isSame: false, isAdded: true, isRemoved: false)
                case .removed(let text): Piece(text: text, isSame: false, isAdded: false, isRemoved: true)
                }
            }
        }

        /// The parts that differ between an answer and the one it replaced.
        static func between(_ old: ResponseItem, _ new: ResponseItem, day: (String) -> String) -> [Change] {
            [
                Change("Decision", old.decision?.label ?? "", new.decision?.label ?? ""),
                Change("Reasons", old.reasons, new.reasons),
                Change("Action planned", old.action, new.action),
                Change("Target date", old.targetDate.map(day) ?? "", new.targetDate.map(day) ?? ""),
            ].compactMap { $0 }
        }
    }

    struct Update: Sendable {
        let status: String
        let note: String
        let targetDate: String?
        let percent: String?
        let on: String
        let by: String

        init(_ update: ImplementationUpdate, time: LocalTime) {
            status = update.status.label
            note = update.note
            targetDate = update.targetDate.map { RecommendationPageView.day($0, time: time) }
            percent = update.percentComplete.map { "\($0)% complete" }
            on = time.shortDate(update.at)
            by = update.byName
        }
    }

    /// A stored day (`yyyy-MM-dd`) as the page writes it, or as stored if it is not one.
    static func day(_ text: String, time: LocalTime) -> String { Day(text).map(time.longDate(day:)) ?? text }

    static func onTime(_ submitted: Date?, due: Day?, time: LocalTime) -> Bool {
        guard let submitted, let due else { return true }
        return time.calendarDay(of: submitted) <= due
    }

    init(_ detail: RecommendationDetail, spending: [SpendingEntry] = [], now: Date, time: LocalTime) {
        self.spending = spending.map(CitedSpending.init)
        hasSpending = !spending.isEmpty
        let record = detail.tracked.recommendation
        row = RecommendationRow(detail.tracked, time: time)
        follow = FollowLink(.recommendation(record.id!))
        bodyURL = SiteURL.bodyPage(slug: detail.tracked.body.slug).path
        reportURL = SiteURL.paper(detail.paper.id!).path
        meetingTitle = "\(detail.meeting.title), \(time.shortDate(detail.meeting.startsAt))"
        issuedOn = record.issuedAt.map(time.shortDate) ?? "Not issued"
        issueAuthority = record.issueAuthority
        rule = detail.tracked.body.rules.rule(for: detail.tracked.organisation.kind).fromIssueLabel
        dueBasis = detail.extensions.last.map { "extended on \(time.shortDate($0.at)) from \(Self.day($0.previousDueOn, time: time))" } ?? rule
        hasAnswers = !detail.answers.isEmpty
        action = detail.tracked.action.map {
            Action(status: $0.status?.label ?? "No progress reported yet", percent: $0.percentComplete.map { "\($0)% complete" },
                   target: $0.target.map(time.longDate(day:)), overdue: $0.isOverdue ? ActionTrack.overdueLabel : nil)
        }
        timeline = RecommendationTimeline(detail, rule: rule, now: now, time: time)
    }
}

/// An organisation's page: its response record (`ResponseRecord`), every recommendation to it, and the record's
/// snippet and JSON for its own site.
struct OrganisationView: Sendable {
    let name: String
    let kind: String
    let follow: FollowLink
    /// The council this organisation is, and the bodies that council sits on: one record for both roles.
    let council: String?
    let councilOf: [Breadcrumb]
    let sitsOnBodies: Bool
    let record: ResponseRecordView
    /// The snippet's HTML, shown as code to copy; the same bytes `/organisations/{slug}/record.html` serves.
    let snippet: String
    let snippetURL: String
    let jsonURL: String
    let rows: [RecommendationRow]
    let hasRows: Bool
    /// The named people who answer for it.
    let responders: String?

    init(
        _ organisation: Organisation, tracked: [TrackedRecommendation], seats: (council: String, bodies: [BodyName])?, record: ResponseRecordView,
        snippet: String, responders: [String], time: LocalTime
    ) {
        self.responders = responders.isEmpty ? nil : responders.joined(separator: ", ")
        name = organisation.name
        kind = organisation.kindLabel
        follow = FollowLink(.organisation(organisation.slug))
        council = seats?.council
        councilOf = (seats?.bodies ?? []).map { Breadcrumb(title: $0.name, url: SiteURL.bodyPage(slug: $0.slug).path) }
        sitsOnBodies = !councilOf.isEmpty
        self.record = record
        self.snippet = snippet
        snippetURL = SiteURL.organisationSnippet(slug: organisation.slug).path
        jsonURL = SiteURL.organisationRecord(slug: organisation.slug).path
        rows = tracked.map { RecommendationRow($0, time: time) }
        hasRows = !rows.isEmpty
    }
}
