import Foundation
import TownhallDomain
import TownhallStore

/// The form to ask a question or send evidence, with what is published said first; then "Check your email".
struct ContributeView: Sendable {
    let csrf: String
    let action: String
    let isEvidence: Bool
    let noun: String
    let heading: String
    let aboutTitle: String
    let aboutURL: String
    let isOpen: Bool
    let deadline: String
    let statement: String
    let maxText: String
    let maxFile: String
    let fileTypes: String
    let name: String
    let email: String
    let organisation: String
    let text: String
    let nameError: String?
    let emailError: String?
    let organisationError: String?
    let textError: String?
    let fileError: String?
    let sent: Bool
    let lifetimeDays = Int(ContributionLimits.confirmationLifetime / 86_400)
    let hasErrors: Bool
    let errors: [FormErrors.Entry]

    init(kind: ContributionKind, place: ContributionRoutes.Place, csrf: String, now: Date, time: LocalTime, maxFileBytes: Int = 0,
         draft: ContributionDraft? = nil, errors: FormErrors = FormErrors(), sent: Bool = false) {
        self.csrf = csrf
        action = place.action
        isEvidence = kind == .evidence
        noun = kind.noun
        heading = kind == .question ? "Ask a question" : "Send written evidence"
        aboutTitle = place.title
        aboutURL = place.url
        isOpen = place.window.isOpen(at: now)
        deadline = place.window.closingPhrase(time: time)
        statement = kind.publicationStatement
        maxText = kind.maxTextCharacters.formatted()
        maxFile = AttachmentLink.size(maxFileBytes)
        fileTypes = AttachmentFiles.mediaTypes.keys.sorted().map { $0.uppercased() }.joined(separator: ", ")
        name = draft?.name ?? ""
        email = draft?.email ?? ""
        organisation = draft?.organisation ?? ""
        text = draft?.text ?? ""
        nameError = errors.message(for: .name)
        emailError = errors.message(for: .email)
        organisationError = errors.message(for: .organisation)
        textError = errors.message(for: .text)
        fileError = errors.message(for: .file)
        self.sent = sent
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }

    var pageTitle: String { sent ? "Check your email" : (hasErrors ? "Error: " : "") + "\(heading): \(aboutTitle)" }
}

/// The page a confirmation link opens: what was sent, where it stands, and (until confirmed) the button that sends it.
struct ContributionStatusView: Sendable {
    let known: Bool
    let csrf: String
    let action: String
    let noun: String
    let aboutTitle: String
    let needsConfirming: Bool
    let stateLabel: String
    let deadline: String
    let paragraphs: [String]
    let reason: String?
    let notice: String?
    let problem: String?

    init(_ found: ContributionContext, token: String, csrf: String, notice: String?, problem: String?, time: LocalTime) {
        known = true
        self.csrf = csrf
        action = SiteURL.contribution(token: token).path
        noun = found.contribution.kind.noun
        aboutTitle = found.title
        needsConfirming = found.contribution.state == .unconfirmed && problem == nil
        stateLabel = found.contribution.state.label
        deadline = found.window.closingPhrase(time: time)
        paragraphs = found.contribution.paragraphs
        reason = found.contribution.reason
        self.notice = notice
        self.problem = problem
    }

    private init() {
        known = false
        csrf = ""
        action = ""
        noun = ""
        aboutTitle = ""
        needsConfirming = false
        stateLabel = ""
        deadline = ""
        paragraphs = []
        reason = nil
        notice = nil
        problem = nil
    }

    static let unknown = ContributionStatusView()

    var pageTitle: String { needsConfirming ? "Confirm your \(noun)" : "Your \(noun)" }
}

/// One piece of written evidence as published: who sent it, when, its text and its file.
struct EvidenceView: Sendable {
    let name: String
    let organisation: String?
    let sentOn: String
    let isoSent: String
    let paragraphs: [String]
    let file: AttachmentLink?
    let inquiryTitle: String
    let inquiryURL: String

    init(_ found: PublishedEvidence, time: LocalTime) {
        let evidence = found.evidence
        name = evidence.name
        organisation = evidence.organisation.isEmpty ? nil : evidence.organisation
        sentOn = time.longDate(evidence.confirmedAt ?? evidence.requestedAt)
        isoSent = time.day(of: evidence.confirmedAt ?? evidence.requestedAt)
        paragraphs = evidence.paragraphs
        file = StoredFile(evidence).map { AttachmentLink($0, url: SiteURL.evidenceFile(evidence.id!).path) }
        inquiryTitle = found.inquiry.title
        inquiryURL = SiteURL.inquiry(slug: found.inquiry.slug).path
    }

    var pageTitle: String { "Written evidence from \(organisation ?? name): \(inquiryTitle)" }
}

/// A published question on the meeting page: asked by, the text, and its answer once given.
struct QuestionRow: Sendable, Encodable {
    let number: Int
    let askedBy: String
    let paragraphs: [String]
    let answerParagraphs: [String]
    let hasAnswer: Bool
    let answeredBy: String?

    init(_ entry: PublishedQuestion, number: Int) {
        self.number = number
        askedBy = ([entry.question.name] + entry.alsoAskedBy).joined(separator: ", ")
        paragraphs = entry.question.paragraphs
        answerParagraphs = entry.question.answerParagraphs
        hasAnswer = entry.question.answer != nil
        answeredBy = entry.question.answeredBy
    }
}
