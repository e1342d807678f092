import Foundation

/// Every field a form or a page's query string sends, written once. Routes read a submission by these names, view
/// models hand them back with the value kept, and the error summary links to them, so a field renamed in one place
/// is renamed everywhere; `FormFieldTests` checks that every `name` a template sends is a case here and every case
/// is sent by some template.
///
/// A field repeated per row (a member's end date, a person's attendance) is one case with `row(_:)`; the provider's
/// answers per recommendation are the domain's `ResponseField`, because the domain reports problems against them.
enum FormField: String, Sendable, CaseIterable {
    /// The CSRF token every form carries.
    case csrf = "_csrf"
    /// Which button sent the form (save, preview, check …).
    case action
    // Meetings
    case title, date, start, end, location, address, status, reason, statusReason
    // How to attend or watch (`MeetingAccess.Field`, the same names)
    case webcastURL, recordingURL, contactName, contactEmail, contactPhone, howToAttend
    // Agenda items
    case itemTitle, itemType, exempt, paragraph, publicInterest, urgency, direction, paper, decision, file
    case decisionReasons, decisionAlternatives, decisionTakesEffect, itemRecordingURL
    // The meeting record
    case attendance, declarant, declarationItem, interest, kind, witnessName, witnessRole, officerName, officerRole, markdown
    // Papers and their recommendations
    case author, reportYear, lateReason, withdrawReason, recommendation, organisation, authority
    // Recommendations
    case newDue, referTo, referNote, closeNote, grantedDue, decisionNote, replyDue, outcome, outcomeOn, callBackMeeting
    // The provider's response
    case basedOn, note, progressTarget, percent, requestedDue, extensionReason, holdingNote, expectedBy, signOff, receivedOutside
    // Seats on a body
    case name, role, council, category
    // The forward plan
    case keyDecision, exception
    // Accounts
    case email, password, confirm, next
    // Following by e-mail: what to follow (`kind` and `key`), how often, which follow a button acts on, and the
    // honeypot a person never sees or fills in
    case key, frequency, follow, website
    // Taking part: a resident's question or evidence (`ContributionDraft.Field`, the same names), and the clerk's
    // questions deadline, call for evidence and decisions
    case text, clearDays, closesOn, answer, answeredBy, into
    // Performance against a plan: which measure, result or target, for which period, and the number
    case measure, pointKind, period, value
    // Adding a plan, its priorities and measures, and importing tables (issue 20)
    case slug, summary, priorityTitle, measurePriority, measureName, unit, measureDirection, baseline, baselinePeriod, csv, csvFile
    // Citing a spending line from an inquiry, a recommendation or written evidence
    case spendingLine, citer
    /// What a mail program's one-click unsubscribe posts (RFC 8058), and so the unsubscribe page's button too.
    case listUnsubscribe = "List-Unsubscribe"
    // Searching and filtering (GET forms: the query string)
    case q, body, from, to, page, state, dueFrom, dueTo, month
    // Flags in a query string (a redirect's notice, the CSV byte-order mark, the next page of a data file, the year
    // of a place's spending shown)
    case saved, changed, bom, after, year
    // Sections an error about the whole of them links to
    case agenda, recommendations, response

    /// Fields only links and redirects send (a results page, a notice flag); no template has a control for them.
    static let sentByLinks: Set<FormField> = [.page, .saved, .changed, .bom, .after, .year]

    /// The name (and element id) of the field for one row of a repeated group.
    func row(_ id: Int64) -> String { "\(rawValue)-\(id)" }

    /// A query string of fields (`?q=budget&page=2`), as a link or redirect sends it. Each value is percent-encoded
    /// except RFC 3986 unreserved characters and `/`.
    static func query(_ fields: [(FormField, String)]) -> String {
        let allowed = Route.segmentCharacters.union(CharacterSet(charactersIn: "/"))
        return "?" + fields.map { field, value in
            "\(field.rawValue)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }
}

extension SiteURL {
    /// The path with a query string of fields (`/login?next=/admin`).
    func path(query: [(FormField, String)]) -> String { path + FormField.query(query) }
}
