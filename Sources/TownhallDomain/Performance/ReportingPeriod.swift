import Foundation

/// The period a performance value or target is for, written as councils and forces publish them: a financial or
/// academic year `2026/27`, a quarter of one `2026/27 Q1` (April to June for a financial year), a calendar year
/// `2026`, or a month `2026-05`. Periods sort by the month they start in, so a chart reads left to right in time.
public struct ReportingPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The text as it is stored and shown, normalised (`2026/27 Q1`).
    public let description: String
    /// Year and month the period starts in, for ordering.
    public let startYear: Int
    public let startMonth: Int

    /// Nil for text that is not one of the forms above.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "  ", with: " ")
        func number(_ part: Substring, digits: Int) -> Int? { part.count == digits && part.allSatisfy(\.isASCII) ? Int(part) : nil }
        let words = text.split(separator: " ")
        if words.count == 1 {
            let part = words[0]
            if let year = number(part, digits: 4), (1900...2200).contains(year) {
                (description, startYear, startMonth) = (String(year), year, 1)
                return
            }
            let slash = part.split(separator: "/"), dash = part.split(separator: "-")
            if slash.count == 2, let year = number(slash[0], digits: 4), let next = number(slash[1], digits: 2), (year + 1) % 100 == next,
               (1900...2200).contains(year) {
                (description, startYear, startMonth) = ("\(year)/\(LocalTime.padded(next))", year, 4)
                return
            }
            if dash.count == 2, let year = number(dash[0], digits: 4), let month = number(dash[1], digits: 2), (1...12).contains(month),
               (1900...2200).contains(year) {
                (description, startYear, startMonth) = ("\(year)-\(LocalTime.padded(month))", year, month)
                return
            }
            return nil
        }
        guard words.count == 2, let year = ReportingPeriod(String(words[0])), year.startMonth == 4, year.description.contains("/"),
              words[1].count == 2, words[1].first == "Q", let quarter = Int(words[1].dropFirst()), (1...4).contains(quarter)
        else { return nil }
        let month = 4 + (quarter - 1) * 3
        (description, startYear, startMonth) = ("\(year.description) Q\(quarter)", year.startYear + (month - 1) / 12, (month - 1) % 12 + 1)
    }

    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        (lhs.startYear, lhs.startMonth, lhs.description) < (rhs.startYear, rhs.startMonth, rhs.description)
    }

    /// Whether stored period text `a` comes before `b` in time; text that is no period (none is stored) sorts first.
    public static func isBefore(_ a: String, _ b: String) -> Bool {
        switch (ReportingPeriod(a), ReportingPeriod(b)) {
        case (let left?, let right?): left < right
        case (nil, .some): true
        case (.some, nil): false
        case (nil, nil): a < b
        }
    }

    /// What a form or import says about a period it cannot read.
    public static let formatHint = "a year such as 2026/27, a quarter such as 2026/27 Q1, a calendar year such as 2026, or a month such as 2026-05"
}
