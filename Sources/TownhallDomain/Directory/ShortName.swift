/// A body's short human name for open data (OParl's `shortName`): the initials of its name's words, as "HPB" for
/// "Harford Policing Board", leaving out joining words, the way such bodies are referred to in papers.
public enum ShortName {
    static let joiningWords: Set<String> = ["and", "of", "the", "for", "in", "on", "&"]

    public static func of(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "-" }).filter { !joiningWords.contains($0.lowercased()) }
        let initials = String(words.compactMap { $0.first(where: \.isLetter)?.uppercased() }.joined())
        return initials.count >= 2 ? initials : name
    }
}
