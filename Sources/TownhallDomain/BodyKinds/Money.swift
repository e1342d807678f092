import Foundation

/// An amount of money in whole pence, so budgets and precepts never pass through floating point.
public struct Money: Sendable, Equatable, Comparable, Codable, CustomStringConvertible {
    public let pence: Int64

    public init(pence: Int64) { self.pence = pence }

    /// Parses "£412,500,000", "412500000.00" or "265.14"; at most two decimal places, no negatives.
    public init(parsing text: String) throws {
        var digits = text.trimmingCharacters(in: .whitespaces)
        if digits.hasPrefix("£") { digits.removeFirst() }
        digits = digits.replacingOccurrences(of: ",", with: "")
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let isDigits = { (s: String) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parts.count), isDigits(parts[0]), parts[0].count <= 13,
              parts.count == 1 || (isDigits(parts[1]) && parts[1].count <= 2),
              let pounds = Int64(parts[0])
        else {
            throw TownhallError.invalid("\"\(text)\" is not an amount of money; write pounds and pence, for example 265.14")
        }
        let pence = parts.count == 2 ? Int64(parts[1].count == 1 ? parts[1] + "0" : parts[1])! : 0
        self.pence = pounds * 100 + pence
    }

    /// "£412,500,000" for whole pounds, "£265.14" otherwise.
    public var description: String {
        let pounds = String(pence / 100)
        var grouped = ""
        for (index, character) in pounds.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let whole = "£" + String(grouped.reversed())
        let rest = pence % 100
        return rest == 0 ? whole : whole + "." + (rest < 10 ? "0" : "") + String(rest)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pence < rhs.pence }
}
