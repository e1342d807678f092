import Foundation

/// A school year, 1 September to 31 August, named as schools name it: "2025/26" ends on 31 August 2026. An education
/// panel's annual report covers one, which the clerk chooses; it is never inferred from when the report appeared,
/// so a late report still counts for the year it is about.
public struct AcademicYear: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The calendar year in which the academic year ends.
    public let endYear: Int

    public init(endYear: Int) { self.endYear = endYear }

    /// "2025/26", "2025-26" or "2025/2026": the second year must follow the first.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "/" || $0 == "-" })
        guard parts.count == 2, parts[0].count == 4, let start = Int(parts[0]), (1900...2999).contains(start),
              let end = Int(parts[1]), parts[1].allSatisfy(\.isASCII), parts[1].count == 2 || parts[1].count == 4
        else { return nil }
        let endYear = parts[1].count == 2 ? (start + 1) / 100 * 100 + end : end
        guard endYear == start + 1 else { return nil }
        self.endYear = endYear
    }

    public var description: String { "\(endYear - 1)/\(LocalTime.padded(endYear % 100))" }

    /// 31 August of the end year.
    public var lastDay: Day { Day(ordinal: Day.ordinal(endYear, 8, 31)) }

    /// The academic year that ended most recently before `today` (on 31 August itself, the one before).
    public static func lastEnded(before today: Day) -> AcademicYear {
        let year = today.components.year
        return today > AcademicYear(endYear: year).lastDay ? AcademicYear(endYear: year) : AcademicYear(endYear: year - 1)
    }

    /// The academic year `day` falls in.
    public static func containing(_ day: Day) -> AcademicYear { AcademicYear(endYear: lastEnded(before: day).endYear + 1) }

    /// Encoded as its end year, as the store keeps it.
    public init(from decoder: any Decoder) throws { endYear = try decoder.singleValueContainer().decode(Int.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(endYear)
    }

    public static func < (lhs: AcademicYear, rhs: AcademicYear) -> Bool { lhs.endYear < rhs.endYear }
}
