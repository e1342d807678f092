import Foundation

/// Whether an agenda item is exempt, as a clerk or the CLI asks for it, checked by one rule: an item is exempt only
/// when marked so, with the Schedule 12A paragraph that applies and the public-interest reason (paragraph 10: the
/// information is exempt only while the public interest in keeping it exempt outweighs the interest in disclosing
/// it). A paragraph chosen on an item not marked exempt is an error, never silently public.
public struct Exemption: Sendable, Equatable {
    public let paragraph: ExemptParagraph
    public let publicInterestReason: String

    /// An exemption needs its public-interest reason; the store takes only this type, so no item is exempt without one.
    public init(paragraph: ExemptParagraph, publicInterestReason: String) throws {
        let reason = publicInterestReason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw TownhallError.invalid(Problem.noPublicInterestReason.message) }
        self.paragraph = paragraph
        self.publicInterestReason = reason
    }

    /// What is wrong with a request, each naming the field to fix.
    public enum Problem: Error, Equatable, Sendable {
        case paragraphWithoutExempt, exemptWithoutParagraph, noPublicInterestReason

        public var message: String {
            switch self {
            case .paragraphWithoutExempt:
                "a Schedule 12A paragraph is chosen but the item is not marked exempt; mark it exempt or choose \"Not exempt\""
            case .exemptWithoutParagraph: "select the Schedule 12A paragraph that makes the item exempt"
            case .noPublicInterestReason:
                "give the reason the public interest in keeping the item exempt outweighs disclosing it (Schedule 12A paragraph 10)"
            }
        }
    }

    /// Nil for a public item; every problem found otherwise, in the order the form shows its fields.
    public static func check(exempt: Bool, paragraph: ExemptParagraph?, publicInterestReason: String?) -> Result<Exemption?, ProblemList> {
        let reason = publicInterestReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard exempt else { return paragraph == nil ? .success(nil) : .failure(ProblemList([.paragraphWithoutExempt])) }
        var problems: [Problem] = []
        if paragraph == nil { problems.append(.exemptWithoutParagraph) }
        if reason.isEmpty { problems.append(.noPublicInterestReason) }
        guard let paragraph, problems.isEmpty, let exemption = try? Exemption(paragraph: paragraph, publicInterestReason: reason) else {
            return .failure(ProblemList(problems))
        }
        return .success(exemption)
    }

    /// The store's form of `check`: the first problem as a plain error.
    public static func validate(exempt: Bool, paragraph: ExemptParagraph?, publicInterestReason: String?) throws -> Exemption? {
        switch check(exempt: exempt, paragraph: paragraph, publicInterestReason: publicInterestReason) {
        case .success(let exemption): return exemption
        case .failure(let list): throw TownhallError.invalid(list.problems[0].message)
        }
    }

    public struct ProblemList: Error, Sendable { public let problems: [Problem]; init(_ problems: [Problem]) { self.problems = problems } }
}
