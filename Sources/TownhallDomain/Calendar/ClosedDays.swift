import Foundation

/// Days a council also leaves out of its working days, beyond weekends and bank holidays: the Local Government Act
/// 1972 s243 lets it disregard the Christmas and Easter breaks and days appointed for public thanksgiving or
/// mourning. Each entry is a day every year ("12-24"), a range every year ("12-27..12-31"), one date
/// ("2027-03-25") or a range of dates ("2027-03-25..2027-03-26"); the Easter break moves, so it is listed by date.
public struct ClosedDays: Sendable, Equatable, CustomStringConvertible {
    enum Entry: Sendable, Equatable {
        case yearly(from: (month: Int, day: Int), to: (month: Int, day: Int))
        case dates(from: Day, to: Day)

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            switch (lhs, rhs) {
            case let (.yearly(a, b), .yearly(c, d)): a == c && b == d
            case let (.dates(a, b), .dates(c, d)): a == c && b == d
            default: false
            }
        }
    }

    let entries: [Entry]
    public let description: String

    public static let none = ClosedDays(entries: [], description: "")

    init(entries: [Entry], description: String) {
        self.entries = entries
        self.description = description
    }

    /// Reads a comma-separated list; an entry that is not a real day or range is named in the error.
    public init(parsing text: String) throws {
        var entries: [Entry] = []
        for raw in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !raw.isEmpty {
            let ends = raw.components(separatedBy: "..")
            guard ends.count <= 2 else { throw Self.bad(raw) }
            let first = ends[0], last = ends.count == 2 ? ends[1] : ends[0]
            if let from = Day(first), let to = Day(last) {
                guard from <= to else { throw Self.bad(raw) }
                entries.append(.dates(from: from, to: to))
            } else if let from = Self.monthDay(first), let to = Self.monthDay(last) {
                guard (from.month, from.day) <= (to.month, to.day) else { throw Self.bad(raw) }
                entries.append(.yearly(from: from, to: to))
            } else {
                throw Self.bad(raw)
            }
        }
        self.init(entries: entries, description: text)
    }

    public func contains(_ day: Day) -> Bool {
        let c = day.components
        return entries.contains { entry in
            switch entry {
            case let .dates(from, to): from <= day && day <= to
            case let .yearly(from, to): (from.month, from.day) <= (c.month, c.day) && (c.month, c.day) <= (to.month, to.day)
            }
        }
    }

    static func monthDay(_ text: String) -> (month: Int, day: Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let month = Int(parts[0]), let day = Int(parts[1]),
              (1...12).contains(month), (1...Day.daysInMonth(2028, month)).contains(day)
        else { return nil }
        return (month, day)
    }

    static func bad(_ entry: String) -> TownhallError {
        TownhallError.invalid(
            "closed day \"\(entry)\" must be MM-DD or YYYY-MM-DD, or a range of either such as 12-27..12-31, the first day before the last")
    }
}
