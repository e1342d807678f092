import Foundation

/// Upper bounds on what one form field may hold, so a pasted book or a script's garbage is refused with a clear
/// message rather than stored, rendered and indexed. A long committee report is about 100,000 characters.
public enum TextLimits {
    public static let markdownCharacters = 500_000

    /// Refuses Markdown over the limit, naming what was too long.
    public static func checkMarkdown(_ text: String, what: String) throws {
        if let problem = markdownProblem(text, what: what) { throw TownhallError.invalid(problem) }
    }

    /// What is wrong with the length of `text`, for a form's error summary, or nil.
    public static func markdownProblem(_ text: String, what: String) -> String? {
        let count = text.unicodeScalars.count
        guard count > markdownCharacters else { return nil }
        return "there are \(count.formatted()) characters in \(what); the most allowed is \(markdownCharacters.formatted()). Split it into more than one part"
    }
}
