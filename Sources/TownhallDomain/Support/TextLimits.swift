import Foundation

/// Upper bounds on what one form field may hold, so a pasted book or a script's garbage is refused with a clear
/// message rather than stored, rendered and indexed. A long committee report is about 100,000 characters.
public enum TextLimits {
    public static let markdownCharacters = 500_000
    /// A short written account shown publicly: a reason for more time, a decision on it, a holding reply, a
    /// referral's outcome. A few paragraphs, as a letter would give.
    public static let noteCharacters = 4_000
    /// A name or title on one line: a plan, a priority, a measure.
    public static let lineCharacters = 200
    /// A measure's unit: "%", "minutes", "pupils per 1,000".
    public static let unitCharacters = 40

    /// What is wrong with a one-line name or title (after trimming), or nil: empty, over one line, or too long.
    /// `what` names it ("the priority").
    public static func lineProblem(_ text: String, what: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "enter \(what)" }
        if trimmed.contains(where: \.isNewline) || trimmed.count > lineCharacters { return "\(what) must be one line of \(lineCharacters) characters or fewer" }
        return nil
    }

    /// What is wrong with a measure's unit, or nil: it may be empty, but not over one line or too long.
    public static func unitProblem(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.contains(where: \.isNewline) || trimmed.count > unitCharacters ? "the unit must be one line of \(unitCharacters) characters or fewer" : nil
    }

    /// What is wrong with a note's length (after trimming), or nil; `what` names it ("the holding reply").
    public static func noteProblem(_ text: String, what: String) -> String? {
        text.trimmingCharacters(in: .whitespacesAndNewlines).count > noteCharacters ? "\(what) must be \(noteCharacters) characters or fewer" : nil
    }

    /// Refuses Markdown over the limit or holding a NUL, naming what was wrong.
    public static func checkMarkdown(_ text: String, what: String) throws {
        if let problem = markdownProblem(text, what: what) { throw TownhallError.invalid(problem) }
    }

    /// What is wrong with `text` as Markdown, for a form's error summary, or nil: too long, or holding a NUL, which
    /// would end the rendered paper while the rest stayed stored (so it is refused, never silently cut).
    public static func markdownProblem(_ text: String, what: String) -> String? {
        if text.unicodeScalars.contains("\u{0}") {
            return "\(what) contains a NUL character (U+0000), which cannot be published; remove it and try again"
        }
        let count = text.unicodeScalars.count
        guard count > markdownCharacters else { return nil }
        return "there are \(count.formatted()) characters in \(what); the most allowed is \(markdownCharacters.formatted()). Split it into more than one part"
    }
}
