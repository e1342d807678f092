import Foundation

/// A body's response periods: one for every addressee, and optionally another for a kind of organisation (NHS
/// bodies on the statutory "two months beginning with" formula while councils have two calendar months, say).
/// Kept as one text on the body, "2 calendar-months; nhs-trust: 2 months-beginning-with", which reads back the same.
public struct ResponseRules: Sendable, Equatable, CustomStringConvertible {
    public var standard: ResponseRule
    public var byKind: [OrganisationKind: ResponseRule]

    public init(standard: ResponseRule, byKind: [OrganisationKind: ResponseRule] = [:]) {
        self.standard = standard
        self.byKind = byKind
    }

    /// The period for a recommendation to an organisation of `kind`.
    public func rule(for kind: OrganisationKind) -> ResponseRule { byKind[kind] ?? standard }

    /// Reads the stored text; a text that names only kinds keeps `standard` for everyone else.
    public init(parsing text: String, standard fallback: ResponseRule) throws {
        var standard: ResponseRule? = nil
        var byKind: [OrganisationKind: ResponseRule] = [:]
        for clause in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !clause.isEmpty {
            guard let colon = clause.firstIndex(of: ":") else {
                guard standard == nil else { throw TownhallError.invalid("response rules \"\(text)\" give two periods for everyone") }
                standard = try ResponseRule(parsing: clause)
                continue
            }
            let name = clause[..<colon].trimmingCharacters(in: .whitespaces)
            guard let kind = OrganisationKind(rawValue: name) else {
                throw TownhallError.invalid(
                    "\"\(name)\" is not a kind of organisation; use \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            byKind[kind] = try ResponseRule(parsing: clause[clause.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        self.init(standard: standard ?? fallback, byKind: byKind)
    }

    public var description: String {
        ([standard.description] + OrganisationKind.allCases.compactMap { kind in byKind[kind].map { "\(kind.rawValue): \($0)" } })
            .joined(separator: "; ")
    }

    /// "2 calendar months; NHS trust: 2 months beginning with the day of issue".
    public var label: String {
        ([standard.label] + OrganisationKind.allCases.compactMap { kind in byKind[kind].map { "\(kind.label): \($0.label)" } })
            .joined(separator: "; ")
    }
}
