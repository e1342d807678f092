import Foundation

/// Upper bounds on what one form field may hold, so a pasted book or a script's garbage is refused with a clear
/// message rather than stored, rendered and indexed. A long committee report is about 100,000 characters.
public enum TextLimits {
    public static let markdownCharacters = 500_000

    /// Refuses Markdown over the limit, naming what was too long.
    public static func checkMarkdown(_ text: String, what: String) throws {
        let count = text.unicodeScalars.count
        guard count <= markdownCharacters else {
            throw TownhallError.invalid(
                "\(what) is \(count.formatted()) characters long; the most it can be is \(markdownCharacters.formatted()). Split it into more than one paper")
        }
    }
}
