import Foundation

/// One question or piece of written evidence sent by a resident. Its e-mail address is for the confirmation and the
/// clerk's reply only and is never shown publicly; its token is the confirmation link's only key.
public struct Contribution: Codable, Sendable, Equatable {
    public var id: Int64?
    public var windowId: Int64
    public var kind: ContributionKind
    public var name: String
    public var email: String
    /// For evidence: the organisation it is sent for, if any.
    public var organisation: String
    public var text: String
    /// An evidence file, stored as attachments are (`AttachmentFiles`, content-addressed).
    public var fileName: String?
    public var fileType: String?
    public var filePath: String?
    public var fileSize: Int?
    public var state: ContributionState
    /// Why a clerk refused it; told to the sender, never published.
    public var reason: String?
    public var mergedIntoId: Int64?
    /// A question's answer, published with it.
    public var answer: String?
    public var answeredBy: String?
    public var answeredAt: Date?
    public var token: String
    public var requestedAt: Date
    /// The network address it came from, for the per-client limit; never shown.
    public var requestedFrom: String
    public var confirmedAt: Date?
    public var decidedAt: Date?
    public var decidedBy: String?

    public init(
        id: Int64? = nil, windowId: Int64, kind: ContributionKind, name: String, email: String, organisation: String = "", text: String,
        token: String, requestedAt: Date, requestedFrom: String, state: ContributionState = .unconfirmed
    ) {
        self.id = id
        self.windowId = windowId
        self.kind = kind
        self.name = name
        self.email = email
        self.organisation = organisation
        self.text = text
        self.token = token
        self.requestedAt = requestedAt
        self.requestedFrom = requestedFrom
        self.state = state
    }

    public var isPublic: Bool { state == .accepted }
    public var hasFile: Bool { filePath != nil }

    /// The text split into paragraphs at blank lines, for pages (shown as typed, escaped, never as Markdown).
    public var paragraphs: [String] { Self.paragraphs(text) }
    public var answerParagraphs: [String] { Self.paragraphs(answer ?? "") }

    public static func paragraphs(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}

/// What a resident typed, checked once for the form and the store alike.
public struct ContributionDraft: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable { case name, email, organisation, text }

    public var kind: ContributionKind
    public var name: String
    public var email: String
    public var organisation: String
    public var text: String

    public init(kind: ContributionKind, name: String, email: String, organisation: String = "", text: String) {
        self.kind = kind
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        self.email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        self.organisation = organisation.trimmingCharacters(in: .whitespacesAndNewlines)
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every problem, by field, in the form's order; empty when it may be sent. A file alone is not enough
    /// evidence: the text says what it is, so a clerk and a reader can tell without opening it.
    public var problems: [(Field, String)] {
        var found: [(Field, String)] = []
        if name.isEmpty { found.append((.name, "Enter your name")) }
        else if name.count > ContributionLimits.nameCharacters || name.contains(where: \.isNewline) {
            found.append((.name, "Your name must be one line of \(ContributionLimits.nameCharacters) characters or fewer"))
        }
        if let problem = Follow.emailProblem(email) { found.append((.email, problem)) }
        if organisation.count > ContributionLimits.nameCharacters || organisation.contains(where: \.isNewline) {
            found.append((.organisation, "The organisation must be one line of \(ContributionLimits.nameCharacters) characters or fewer"))
        }
        let what = kind == .question ? "your question" : "your evidence"
        if text.isEmpty { found.append((.text, "Enter \(what)")) }
        else if text.count > kind.maxTextCharacters {
            found.append((.text, "\(what.prefix(1).uppercased() + what.dropFirst()) must be \(kind.maxTextCharacters.formatted()) characters or fewer; you typed \(text.count.formatted())"))
        } else if text.unicodeScalars.contains("\u{0}") {
            found.append((.text, "\(what.prefix(1).uppercased() + what.dropFirst()) contains a NUL character (U+0000); remove it"))
        }
        return found
    }
}

/// The moderation rules, once: which decision a contribution in which state may take.
public enum ContributionRules {
    /// Why `decision` cannot be made on `contribution`; nil when it can. `target` is the contribution a merge names.
    public static func problem(_ decision: ContributionDecision, on contribution: Contribution, target: Contribution? = nil) -> String? {
        switch decision {
        case .accept:
            return contribution.state == .received ? nil : "only a \(contribution.kind.noun) waiting for a decision can be accepted; this one is \(contribution.state.label.lowercased())"
        case .reject(let reason):
            if contribution.state != .received {
                return "only a \(contribution.kind.noun) waiting for a decision can be refused; this one is \(contribution.state.label.lowercased())"
            }
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "give the reason for refusing it; the sender is told" }
            return TextLimits.noteProblem(reason, what: "the reason")
        case .merge(let into):
            guard contribution.kind == .question else { return "only questions can be merged" }
            if contribution.state != .received { return "only a question waiting for a decision can be merged; this one is \(contribution.state.label.lowercased())" }
            guard let target, target.id == into else { return "choose the accepted question to merge it with" }
            if target.id == contribution.id { return "a question cannot be merged with itself" }
            if target.windowId != contribution.windowId { return "a question can only be merged with one asked for the same meeting" }
            if target.state != .accepted { return "a question can only be merged with an accepted question" }
            return nil
        case .answer(let text, let by):
            guard contribution.kind == .question else { return "only questions are answered" }
            if contribution.state != .accepted { return "only an accepted question can be answered" }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "enter the answer" }
            if text.count > ContributionKind.question.maxTextCharacters * 2 {
                return "the answer must be \((ContributionKind.question.maxTextCharacters * 2).formatted()) characters or fewer"
            }
            if by.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "say who answered, for example \"The Chair\"" }
            if by.count > ContributionLimits.nameCharacters { return "who answered must be \(ContributionLimits.nameCharacters) characters or fewer" }
            return nil
        }
    }
}

/// An accepted question as the public sees it: with the names of those whose questions were merged into it.
public struct PublishedQuestion: Sendable, Equatable {
    public var question: Contribution
    public var alsoAskedBy: [String]

    public init(question: Contribution, alsoAskedBy: [String]) {
        self.question = question
        self.alsoAskedBy = alsoAskedBy
    }
}
