import Foundation
import TownhallDomain
import TownhallStore

/// The clerk's home: their bodies and each one's coming meetings.
struct DashboardView: Sendable {
    struct BodyBlock: Sendable {
        let name: String
        let kindLabel: String
        let newMeetingURL: String
        let publicURL: String
        let membersURL: String
        let planURL: String
        let contributionsURL: String
        /// The body's plans with measures, to add and keep up to date.
        let performanceURL: String
        /// An LPAC's spending, to import and cite.
        let spendingURL: String?
        /// "2 waiting for a decision", for questions and evidence residents have confirmed.
        let waiting: String?
        let vacantSeats: Int
        let hasVacantSeats: Bool
        let reminders: [DutyView]
        let meetings: [MeetingRow]
        let hasMeetings: Bool
        /// Meetings that have started and are still marked scheduled: the clerk records what happened.
        let awaitingOutcome: [MeetingRow]
        let hasAwaitingOutcome: Bool
    }

    let userName: String
    let bodies: [BodyBlock]
    let hasBodies: Bool

    init(userName: String, bodies: [ClerkBodySummary], waiting: [Int64: Int] = [:], time: LocalTime) {
        self.userName = userName
        self.bodies = bodies.map { summary in
            let rows = summary.upcoming.map { MeetingRow($0, time: time, inBackOffice: true) }
            let unsettled = summary.awaitingOutcome.map { MeetingRow($0, time: time, inBackOffice: true) }
            return BodyBlock(
                name: summary.body.name, kindLabel: summary.body.kind.label,
                newMeetingURL: SiteURL.adminNewMeeting(body: summary.body.slug).path, publicURL: SiteURL.bodyPage(slug: summary.body.slug).path,
                membersURL: SiteURL.adminMembers(body: summary.body.slug).path,
                planURL: SiteURL.adminPlan(body: summary.body.slug).path,
                contributionsURL: SiteURL.adminContributions(body: summary.body.slug).path,
                performanceURL: SiteURL.adminPerformancePlans(body: summary.body.slug).path,
                spendingURL: summary.body.kind.followsTheMoney ? SiteURL.adminSpending(body: summary.body.slug).path : nil,
                waiting: waiting[summary.body.id!].map { "\($0) waiting for a decision" }, vacantSeats: summary.vacantSeats,
                hasVacantSeats: summary.vacantSeats > 0,
                reminders: summary.reminders.map { DutyView(label: $0.what, state: $0.state, time: time) },
                meetings: rows, hasMeetings: !rows.isEmpty, awaitingOutcome: unsettled, hasAwaitingOutcome: !unsettled.isEmpty)
        }
        hasBodies = !bodies.isEmpty
    }
}

/// The schedule-a-meeting form, with what was typed and the publication deadline once the date is known.
struct MeetingFormView: Sendable {
    let bodyName: String
    let heading: String
    let submitLabel: String
    let action: String
    let csrf: String
    let title: String
    let date: String
    let start: String
    let end: String
    let location: String
    let address: String
    let deadline: String?
    /// "five clear working days", from the configured rule.
    let clearDays: String
    let deadlinePassed: Bool
    /// Set when the meeting falls beyond the bank holiday list, whose deadline may then be wrong.
    let beyondHolidays: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
    let titleError: String?
    let dateError: String?
    let startError: String?
    let endError: String?
}

/// An option in a select list.
struct Choice: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// Changing one agenda item, including the decision recorded against it.
struct ItemFormView: Sendable {
    let action: String
    let csrf: String
    let number: String
    let meetingTitle: String
    let meetingURL: String
    let itemTitle: String
    let itemTypes: [Choice]
    let itemExempt: Bool
    let paragraphs: [Choice]
    let decision: String
    /// The rest of the decision record, with the error of whichever part is wrong.
    let decisionReasons: String
    let decisionAlternatives: String
    let decisionTakesEffect: String
    let decisionError: String?
    let decisionTakesEffectError: String?
    let itemTitleError: String?
    let itemParagraphError: String?
    let publicInterest: String
    let publicInterestError: String?
    /// When the item was added to the published agenda, and the urgency recorded then; both fixed once added.
    let supplementaryOn: String?
    let urgency: String?
    let uploadAction: String
    let maxUpload: String
    let allowedTypes: String
    let files: [FileRow]
    let hasFiles: Bool
    let papers: [Choice]
    let fileError: String?
    let itemRecordingURL: String
    let itemRecordingURLError: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    struct FileRow: Sendable {
        let name: String
        let details: String
        let url: String
        let removeURL: String
        let paper: String?
    }
}

/// The clerk's page for one meeting: agenda building, publication and status.
struct ClerkMeetingView: Sendable {
    struct WitnessRow: Sendable {
        let name: String
        let role: String
        let removeURL: String
    }

    struct PaperRow: Sendable {
        let title: String
        let url: String
        let status: String
        let isDraft: Bool
        let isPublished: Bool
    }

    struct AttendeeRow: Sendable {
        let personId: Int64
        let name: String
        let role: String
        let choices: [Choice]
    }

    struct ItemRow: Sendable {
        let number: String
        let title: String
        let typeLabel: String
        let isExempt: Bool
        let exemptParagraph: Int?
        let publicInterestReason: String?
        let supplementaryOn: String?
        let urgency: String?
        let papers: [PaperRow]
        let hasPapers: Bool
        let editURL, newPaperURL, moveURL, deleteURL: String

        init(_ item: AgendaItem, papers: [PaperRow], time: LocalTime) {
            number = item.number
            title = item.title
            typeLabel = item.itemType.label
            isExempt = item.isExempt
            exemptParagraph = item.exemptParagraph?.rawValue
            publicInterestReason = item.publicInterestReason
            supplementaryOn = item.supplementaryAt.map(time.shortDate)
            urgency = item.urgency
            self.papers = papers
            hasPapers = !papers.isEmpty
            editURL = SiteURL.adminItemEdit(item.id!).path
            newPaperURL = SiteURL.adminNewPaper(item: item.id!).path
            moveURL = SiteURL.adminItemMove(item.id!).path
            deleteURL = SiteURL.adminItemDelete(item.id!).path
        }
    }

    /// The meeting's back-office forms and pages, from the route table.
    struct Links: Sendable {
        let edit, renumber, addItem, publishAgenda, attendance, declarations, witnesses, officers, minutes, status, access: String

        init(_ id: Int64) {
            edit = SiteURL.adminMeetingEdit(id).path
            renumber = SiteURL.adminRenumber(id).path
            addItem = SiteURL.adminAddItem(id).path
            publishAgenda = SiteURL.adminPublishAgenda(id).path
            attendance = SiteURL.adminAttendance(id).path
            declarations = SiteURL.adminDeclarations(id).path
            witnesses = SiteURL.adminWitnesses(id).path
            officers = SiteURL.adminOfficers(id).path
            minutes = SiteURL.adminMinutes(id).path
            status = SiteURL.adminMeetingStatus(id).path
            access = SiteURL.adminMeetingAccess(id).path
        }
    }

    let id: Int64
    let links: Links
    let csrf: String
    let meeting: MeetingRow
    let publicURL: String
    let bodyURL: String
    let deadline: String
    /// "five clear working days", from the configured rule.
    let clearDays: String
    /// Set when the meeting falls beyond the bank holiday list.
    let beyondHolidays: String?
    /// "called at short notice on …", when it was (s100B(3)(b)); the deadline is then that day.
    let shortNotice: String?
    let isLate: Bool
    let agendaPublished: Bool
    let agendaPublishedOn: String?
    let lateReason: String?
    /// What the private business stands on (regulation 5), as the public page says it.
    let privateNotice: [String]
    let hasPrivateNotice: Bool
    let isCancelled: Bool
    let items: [ItemRow]
    let hasItems: Bool
    let statusError: String?
    let statusReason: String
    let statusReasonError: String?
    let access: AccessForm
    let questions: QuestionsForm
    let officers: OfficersForm

    /// The officers in attendance, each with its remove button, and the form to add one with what was typed kept.
    struct OfficersForm: Sendable {
        struct Row: Sendable {
            let officer: String
            let removeURL: String
        }
        let officerRows: [Row]
        let hasOfficers: Bool
        let officerName: String
        let officerRole: String
        let officerNameError: String?

        init(meetingId: Int64, officers: [OfficerInAttendance], form: FormData, errors: FormErrors) {
            officerRows = officers.map {
                Row(officer: $0.role.isEmpty ? $0.name : "\($0.name), \($0.role)", removeURL: SiteURL.adminOfficerDelete(meeting: meetingId, officer: $0.id!).path)
            }
            hasOfficers = !officerRows.isEmpty
            officerName = form[.officerName]
            officerRole = form[.officerRole]
            officerNameError = errors.message(for: .officerName)
        }
    }

    /// Opening or closing questions from the public (`QuestionDeadline`), and where to decide on them.
    struct QuestionsForm: Sendable {
        let questionsAction: String
        let queueURL: String
        let questionsState: String
        let questionsAreOpen: Bool
        let clearDays: String
        let clearDaysError: String?
        let defaultClearDays = ContributionLimits.defaultQuestionClearDays

        init(meetingId: Int64, bodySlug: String, window: ContributionWindow?, now: Date, form: FormData, errors: FormErrors, time: LocalTime) {
            questionsAction = SiteURL.adminQuestions(meeting: meetingId).path
            queueURL = SiteURL.adminContributions(body: bodySlug).path
            questionsAreOpen = window?.isOpen(at: now) ?? false
            if let window {
                questionsState = (questionsAreOpen ? "Open until " : "Closed at ") + window.closingPhrase(time: time)
                    + (window.clearDays.map { " (\($0) clear working days before the meeting)" } ?? "")
            } else {
                questionsState = "Not open"
            }
            clearDays = form.optional(.clearDays) ?? window?.clearDays.map(String.init) ?? String(ContributionLimits.defaultQuestionClearDays)
            clearDaysError = errors.message(for: .clearDays)
        }
    }

    /// The "how to attend or watch" form: what was typed after a mistake, else what is stored, each with its error.
    struct AccessForm: Sendable {
        let webcastURL, recordingURL, contactName, contactEmail, contactPhone, howToAttend: String
        let webcastURLError, recordingURLError, contactNameError, contactEmailError, contactPhoneError, howToAttendError: String?

        init(_ meeting: Meeting, form: FormData, errors: FormErrors) {
            let stored = meeting.access
            func value(_ field: FormField, _ saved: String?) -> String { form.optional(field) ?? saved ?? "" }
            webcastURL = value(.webcastURL, stored.webcastURL)
            recordingURL = value(.recordingURL, stored.recordingURL)
            contactName = value(.contactName, stored.contactName)
            contactEmail = value(.contactEmail, stored.contactEmail)
            contactPhone = value(.contactPhone, stored.contactPhone)
            howToAttend = value(.howToAttend, stored.howToAttend)
            webcastURLError = errors.message(for: .webcastURL)
            recordingURLError = errors.message(for: .recordingURL)
            contactNameError = errors.message(for: .contactName)
            contactEmailError = errors.message(for: .contactEmail)
            contactPhoneError = errors.message(for: .contactPhone)
            howToAttendError = errors.message(for: .howToAttend)
        }
    }
    // Add-item form
    let itemTitle: String
    let itemTypes: [Choice]
    let itemExempt: Bool
    let paragraphs: [Choice]
    let itemTitleError: String?
    let itemParagraphError: String?
    let publicInterest: String
    let publicInterestError: String?
    /// Whether a new item is supplementary (the agenda is out), and whether it needs the urgency record.
    let supplementary: Bool
    let urgencyNeeded: Bool
    let urgency: String
    let urgencyError: String?
    // Publish form
    let reason: String
    let reasonError: String?
    let agendaError: String?
    // Attendance and declarations
    let attendees: [AttendeeRow]
    let hasAttendees: Bool
    let declarants: [Choice]
    let declarationItems: [Choice]
    let interestKinds: [Choice]
    let interest: String
    let declarantError: String?
    let interestError: String?
    let witnesses: [WitnessRow]
    let hasWitnesses: Bool
    let witnessName: String
    let witnessRole: String
    let witnessNameError: String?
    let record: MinutesView
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
}

/// Writing or editing a paper, with a server-rendered preview.
struct PaperFormView: Sendable {
    let action: String
    /// Only for a saved paper.
    let reviseURL, withdrawURL: String?
    let csrf: String
    /// The stored title (or "Write a paper"), never the one being typed, which may be empty after a mistake.
    let heading: String
    let isNew: Bool
    let isDraft: Bool
    let status: String
    let meetingTitle: String
    let meetingURL: String
    let itemLabel: String
    let title: String
    let author: String
    /// The kinds of paper the body publishes, when it has more than one.
    let kinds: [Choice]
    let hasKinds: Bool
    let kindError: String?
    /// The academic year field, for a body that publishes annual reports.
    let showsReportYear: Bool
    let reportYear: String
    let reportYearError: String?
    let markdown: String
    let previewHTML: String?
    let problems: [String]
    let hasProblems: Bool
    let publishURL: String?
    /// The last on-time publication day, and whether publishing now needs a reason.
    let deadline: String
    /// "five clear working days", from the configured rule.
    let clearDays: String
    let isLate: Bool
    let lateReason: String
    let lateReasonError: String?
    let publishedLateReason: String?
    let publicURL: String?
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
    let titleError: String?
    let markdownError: String?
    let revision: Int
    let isPublished: Bool
    let withdrawError: String?
    let withdrawnReason: String?
    let recommendations: PaperRecommendationsView?
}

/// Recommendations drafted and issued on a report, on the clerk's paper page.
struct PaperRecommendationsView: Sendable {
    let addURL: String
    let issueURL: String
    let rows: [RecommendationRow]
    let hasRows: Bool
    let draftCount: Int
    let hasDrafts: Bool
    let organisations: [Choice]
    let text: String
    let organisationError: String?
    let textError: String?
    let issueError: String?
}
