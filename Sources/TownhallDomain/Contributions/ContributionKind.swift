import Foundation

/// What a resident may send a body (issue 19, "Taking part"): a question for a meeting's "Public questions" item,
/// or written evidence to an LPAC inquiry's call for evidence. Both are confirmed by e-mail, moderated by a clerk and
/// published only when a clerk accepts them; the wording that differs is here once.
public enum ContributionKind: String, Codable, Sendable, CaseIterable {
    case question
    case evidence

    /// "question", "written evidence", as a sentence names one.
    public var noun: String {
        switch self {
        case .question: "question"
        case .evidence: "written evidence"
        }
    }

    /// The longest text a resident may send: a question is read out at the meeting (about 300 words); evidence is a
    /// short submission, as Parliament's committees ask for (about 3,000 words), with anything longer as the file.
    public var maxTextCharacters: Int {
        switch self {
        case .question: 2_000
        case .evidence: 20_000
        }
    }

    /// What is published when a clerk accepts one, said on the form before anything is sent.
    public var publicationStatement: String {
        switch self {
        case .question:
            "If the clerk accepts your question, your name, your question and its answer are published on the meeting's page and in its minutes. Your email address is never published or shared. The clerk may refuse a question, or merge it with others that ask the same thing, and will tell you why."
        case .evidence:
            "If the clerk accepts your evidence, your name, the organisation you give, your text and your file are published as written evidence on the inquiry's page. Your email address is never published or shared. The clerk may refuse evidence that is outside the inquiry's terms, and will tell you why."
        }
    }
}

/// Where a contribution is, from sending to a clerk's decision. Only `accepted` is ever public.
public enum ContributionState: String, Codable, Sendable, CaseIterable {
    /// Sent, waiting for the sender to use the confirmation link; forgotten after `ContributionLimits.confirmationLifetime`.
    case unconfirmed
    /// Confirmed by its sender before the window closed; waiting for a clerk.
    case received
    case accepted
    case rejected
    /// A question asking what an accepted one asks: published as "also asked by" under it.
    case merged

    public var label: String {
        switch self {
        case .unconfirmed: "Not yet confirmed"
        case .received: "Waiting for a decision"
        case .accepted: "Accepted"
        case .rejected: "Refused"
        case .merged: "Merged"
        }
    }
}

/// What a clerk (browser or CLI) does with a contribution.
public enum ContributionDecision: Sendable, Equatable {
    case accept
    case reject(reason: String)
    case merge(into: Int64)
    case answer(text: String, by: String)

    public var verb: String {
        switch self {
        case .accept: "accept"
        case .reject: "refuse"
        case .merge: "merge"
        case .answer: "answer"
        }
    }
}
