import Foundation
import TownhallDomain
import TownhallStore

/// The provider's list of reports with recommendations for their organisation.
struct ProviderDashboardView: Sendable {
    struct Report: Sendable {
        let title: String
        let bodyName: String
        let url: String
        let due: String
        let needsAnswer: Bool
        let rows: [RecommendationRow]
    }

    let organisation: String
    let reports: [Report]
    let hasReports: Bool
    let waiting: Int
    let late: Int
}

/// The response form for one report: every recommendation for the organisation on one page.
struct ResponseFormView: Sendable {
    struct Entry: Sendable {
        let id: Int64
        let number: Int
        let text: String
        let due: String
        let stateLabel: String
        let stateClass: String
        let publicURL: String
        let canAnswer: Bool
        let decisions: [Choice]
        let reasons: String
        let action: String
        let target: String
        /// The form's field names for this recommendation, the same the route reads and errors link to.
        let fields: Fields
        let progressURL: String
        let decisionError: String?
        let reasonsError: String?
        let actionError: String?
        let targetError: String?
        let submittedDecision: String?
        let canUpdateProgress: Bool
        let progressChoices: [Choice]
        let note: String
        let progressTarget: String
        let percent: String
        let statusError: String?
        let noteError: String?
        let progressTargetError: String?
        let percentError: String?
        /// The promised action's target and whether it is overdue, above the progress form.
        let actionSummary: String?
        let actionOverdue: String?
        /// Asking for more time, while the recommendation waits for an answer and no request is already waiting.
        let canRequestExtension: Bool
        let extensionURL: String
        let requestedDue: String
        let extensionReason: String
        let requestedDueError: String?
        let extensionReasonError: String?
        /// Opens the request's details when it comes back with a mistake.
        let hasExtensionError: Bool
    }

    /// One recommendation's field names, each taken from `ResponseField`.
    struct Fields: Sendable {
        let decision, reasons, action, target: String
        init(_ id: Int64) {
            (decision, reasons, action, target) = (
                ResponseField.decision.name(id), ResponseField.reasons.name(id), ResponseField.action.name(id), ResponseField.target.name(id))
        }
    }

    let title: String
    let bodyName: String
    let csrf: String
    let action: String
    let basedOn: String
    let entries: [Entry]
    let canAnswer: Bool
    let isCorrection: Bool
    let hasDraft: Bool
    let latestVersion: Int?
    let latestSubmitted: String?
    let notice: String?
    let responseError: String?
    /// The holding reply: published ones, and the form while anything waits for an answer.
    let signOff: String
    let signOffError: String?
    let holdingNotes: [RecommendationPageView.Holding]
    let canPublishHolding: Bool
    let showsHolding: Bool
    let holdingURL: String
    let holdingNote: String
    let expectedBy: String
    let holdingNoteError: String?
    let expectedByError: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    /// How a response entered by the clerk arrived ("letter of 2 March 2027"); the clerk's form only.
    let receivedOutside: String
    let receivedOutsideError: String?
    let organisationName: String

    /// `action` is where the form posts: the responder's report page, or the clerk's page for a letter.
    init(
        _ workspace: ResponseWorkspace, form: FormData, errors: FormErrors, notice: String?, csrf: String, time: LocalTime, action: SiteURL? = nil
    ) {
        title = workspace.paper.title
        bodyName = workspace.recommendations.first?.body.name ?? ""
        organisationName = workspace.recommendations.first?.organisation.name ?? ""
        self.csrf = csrf
        self.action = (action ?? SiteURL.providerReport(paper: workspace.paper.id!)).path
        receivedOutside = form[.receivedOutside]
        receivedOutsideError = errors.message(for: .receivedOutside)
        basedOn = form[.basedOn]
        entries = workspace.recommendations.map { tracked in
            let id = tracked.recommendation.id!
            let chosen = form[name: ResponseField.decision.name(id)]
            func error(_ field: ResponseField) -> String? { errors.message(anchor: field.anchor(id)) }
            return Entry(
                id: id, number: tracked.recommendation.number, text: tracked.recommendation.text,
                due: tracked.recommendation.dueOn.flatMap(Day.init).map(time.longDate(day:)) ?? "",
                stateLabel: tracked.state.label, stateClass: tracked.state.tagClass, publicURL: SiteURL.recommendation(id).path,
                canAnswer: tracked.recommendation.isOpenToAnswer,
                decisions: ResponseDecision.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == chosen) },
                reasons: form[name: ResponseField.reasons.name(id)], action: form[name: ResponseField.action.name(id)],
                target: form[name: ResponseField.target.name(id)],
                fields: Fields(id), progressURL: SiteURL.providerProgress(recommendation: id).path,
                decisionError: error(.decision), reasonsError: error(.reasons), actionError: error(.action), targetError: error(.target),
                submittedDecision: workspace.latestItems[id]?.decision?.label,
                canUpdateProgress: tracked.state.allows(.updateImplementation),
                progressChoices: ImplementationStatus.allCases.map {
                    Choice(value: $0.rawValue, label: $0.label, selected: form[.status, row: id] == $0.rawValue)
                },
                note: form[.note, row: id], progressTarget: form[.progressTarget, row: id], percent: form[.percent, row: id],
                statusError: errors.message(for: .status, row: id), noteError: errors.message(for: .note, row: id),
                progressTargetError: errors.message(for: .progressTarget, row: id), percentError: errors.message(for: .percent, row: id),
                actionSummary: tracked.action.map { action in
                    [action.status?.label ?? "No progress reported yet", action.percentComplete.map { "\($0)% complete" },
                     action.target.map { "target \(time.longDate(day: $0))" }].compactMap { $0 }.joined(separator: ", ")
                },
                actionOverdue: tracked.action?.isOverdue == true ? ActionTrack.overdueLabel : nil,
                canRequestExtension: tracked.state.allows(.requestExtension) && tracked.recommendation.dueOn != nil,
                extensionURL: SiteURL.providerExtension(recommendation: id).path, requestedDue: form[.requestedDue, row: id],
                extensionReason: form[.extensionReason, row: id], requestedDueError: errors.message(for: .requestedDue, row: id),
                extensionReasonError: errors.message(for: .extensionReason, row: id),
                hasExtensionError: errors.message(for: .requestedDue, row: id) != nil || errors.message(for: .extensionReason, row: id) != nil)
        }
        canAnswer = entries.contains { $0.canAnswer }
        isCorrection = workspace.latest != nil
        hasDraft = workspace.draft != nil
        latestVersion = workspace.latest?.version
        latestSubmitted = workspace.latest?.submittedAt.map(time.dateTime)
        self.notice = notice
        responseError = errors.message(for: .response)
        signOff = form[.signOff]
        signOffError = errors.message(for: .signOff)
        holdingNotes = workspace.holdingNotes.map { RecommendationPageView.Holding($0, time: time) }
        canPublishHolding = workspace.recommendations.contains { $0.state.isWaiting }
        showsHolding = canPublishHolding || !holdingNotes.isEmpty
        holdingURL = SiteURL.providerHoldingNote(paper: workspace.paper.id!).path
        holdingNote = form[.holdingNote]
        expectedBy = form[.expectedBy]
        holdingNoteError = errors.message(for: .holdingNote)
        expectedByError = errors.message(for: .expectedBy)
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}
