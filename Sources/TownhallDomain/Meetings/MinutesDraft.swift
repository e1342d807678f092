/// The text a meeting's minutes start from before the clerk has saved any: a heading for each agenda item in order,
/// the special circumstances of each item taken as urgent business (which s100B(4)(b) says the minutes specify, so
/// they are carried over rather than retyped), the exclusion of the public for each exempt item, and the public
/// questions accepted for an item with their answers (issue 19: they are published in the minutes too).
public enum MinutesDraft {
    public static func markdown(meetingTitle: String, items: [AgendaItem], questions: [Int64: [PublishedQuestion]] = [:]) -> String {
        var lines = ["# Minutes: \(escaped(meetingTitle))", ""]
        for item in items {
            lines.append("## \(escaped(item.number)). \(escaped(item.title))")
            lines.append("")
            if let circumstances = item.urgency?.trimmedOrNil {
                lines.append(escaped(Urgency.minutesStatement(circumstances)))
                lines.append("")
            }
            if item.isExempt, let paragraph = item.exemptParagraph {
                lines.append("The public were excluded for this item, which contains exempt information (Schedule 12A, paragraph \(paragraph.rawValue)).")
                lines.append("")
            }
            for (index, entry) in (item.id.flatMap { questions[$0] } ?? []).enumerated() {
                let askers = ([entry.question.name] + entry.alsoAskedBy).map(escaped).joined(separator: ", ")
                lines.append("**Question \(index + 1)**, from \(askers): \(escaped(entry.question.text))")
                lines.append("")
                if let answer = entry.question.answer {
                    lines.append("**Answer**\(entry.question.answeredBy.map { " (\(escaped($0)))" } ?? ""): \(escaped(answer))")
                    lines.append("")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Typed text as literal Markdown: characters that would start emphasis, code, a link or an entity are
    /// backslash-escaped (CommonMark allows it before any ASCII punctuation), so a title reads as it was typed.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>!|&#".contains(character) { out.append("\\") }
            out.append(character.isNewline ? " " : character)
        }
        return out
    }
}
