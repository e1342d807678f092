import Foundation
import TownhallDomain
import TownhallStore

/// The clerk's questions and evidence page for one body: calls for evidence on its inquiries, then every window
/// with what was sent to it and the decisions still to make. Values typed before a mistake are kept, per row.
struct ContributionQueueView: Sendable {
    struct CallRow: Sendable {
        let inquiryTitle: String
        let callAction: String
        let callState: String
        let callIsOpen: Bool
        let closesOnId: String
        let closesOn: String
        let closesOnError: String?
    }

    struct EntryRow: Sendable {
        let heading: String
        let windowState: String
        let unconfirmedNote: String?
        let rows: [Row]
        let hasRows: Bool
    }

    struct Row: Sendable {
        let id: Int64
        let anchor: String
        let action: String
        let who: String
        let email: String
        let sentOn: String
        let paragraphs: [String]
        let stateLabel: String
        let fileLink: AttachmentLink?
        let isWaiting: Bool
        let canMerge: Bool
        let mergeChoices: [Choice]
        let canAnswer: Bool
        let rejectedBecause: String?
        let answerText: String
        let answeredByText: String
        let reasonText: String
        let reasonError: String?
        let intoError: String?
        let answerError: String?
    }

    let bodyName: String
    let csrf: String
    let saved: Bool
    let calls: [CallRow]
    let hasCalls: Bool
    let entries: [EntryRow]
    let hasEntries: Bool
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    init(body: Body, entries: [ContributionQueueEntry], inquiries: [(Inquiry, ContributionWindow?)], csrf: String, form: FormData,
         errors: FormErrors, now: Date, time: LocalTime, saved: Bool) {
        bodyName = body.name
        self.csrf = csrf
        self.saved = saved
        calls = inquiries.map { inquiry, window in
            let anchor = ContributionAdminRoutes.closesOnAnchor(inquiry.slug)
            let isOpen = window?.isOpen(at: now) ?? false
            let state = window.map { ($0.isOpen(at: now) ? "Open until " : "Closed at ") + $0.closingPhrase(time: time) } ?? "No call for evidence"
            return CallRow(
                inquiryTitle: inquiry.title, callAction: SiteURL.adminEvidenceCall(inquiry: inquiry.slug).path, callState: state, callIsOpen: isOpen,
                closesOnId: anchor, closesOn: errors.message(anchor: anchor) != nil ? form[.closesOn] : window.map { time.day(of: $0.closesAt.addingTimeInterval(-60)) } ?? "",
                closesOnError: errors.message(anchor: anchor))
        }
        hasCalls = !calls.isEmpty
        self.entries = entries.map { entry in
            let accepted = entry.contributions.filter { $0.state == .accepted }
            let rows = entry.contributions.map { contribution in
                let id = contribution.id!
                let mergeChoices = accepted.filter { $0.id != id }.map { Choice(value: String($0.id!), label: "\($0.name): \($0.text.prefix(80))", selected: form[.into, row: id] == String($0.id!)) }
                return Row(
                    id: id, anchor: "contribution-\(id)", action: SiteURL.adminContribution(id).path,
                    who: contribution.organisation.isEmpty ? contribution.name : "\(contribution.name), \(contribution.organisation)",
                    email: contribution.email, sentOn: time.dateTime(contribution.confirmedAt ?? contribution.requestedAt),
                    paragraphs: contribution.paragraphs, stateLabel: contribution.state.label,
                    fileLink: StoredFile(contribution).map { AttachmentLink($0, url: SiteURL.adminContributionFile(id).path) },
                    isWaiting: contribution.state == .received, canMerge: contribution.kind == .question && contribution.state == .received && !mergeChoices.isEmpty,
                    mergeChoices: mergeChoices,
                    canAnswer: contribution.kind == .question && contribution.state == .accepted,
                    rejectedBecause: contribution.state == .rejected ? contribution.reason : nil,
                    answerText: form.values[FormField.answer.row(id)] ?? contribution.answer ?? "",
                    answeredByText: form.values[FormField.answeredBy.row(id)] ?? contribution.answeredBy ?? "",
                    reasonText: form[.reason, row: id],
                    reasonError: errors.message(for: .reason, row: id), intoError: errors.message(for: .into, row: id),
                    answerError: errors.message(for: .answer, row: id))
            }
            return EntryRow(
                heading: "\(entry.window.kind == .question ? "Questions" : "Written evidence"): \(entry.title)",
                windowState: (entry.window.isOpen(at: now) ? "Open until " : "Closed at ") + entry.window.closingPhrase(time: time),
                unconfirmedNote: entry.unconfirmed == 0 ? nil : "\(entry.unconfirmed) more sent but not yet confirmed by the sender (not shown until they are).",
                rows: rows, hasRows: !rows.isEmpty)
        }
        hasEntries = !self.entries.isEmpty
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}
