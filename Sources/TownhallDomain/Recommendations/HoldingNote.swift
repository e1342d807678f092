import Foundation

/// A provider's public holding reply to a report's recommendations ("our response is in preparation and will come
/// by …"), published at once and kept: it does not answer anything or move a deadline, so a recommendation's state
/// is unchanged by it, but a resident can see the organisation has acknowledged the report and when it says it will
/// answer.
public struct HoldingNote: Codable, Sendable, Equatable {
    public var id: Int64?
    public var paperId: Int64
    public var organisationId: Int64
    public var note: String
    /// When the organisation says its full response will come (`yyyy-MM-dd`), if it says.
    public var expectedBy: String?
    public var at: Date
    public var byName: String

    public init(id: Int64? = nil, paperId: Int64, organisationId: Int64, note: String, expectedBy: String?, at: Date, byName: String) {
        self.id = id
        self.paperId = paperId
        self.organisationId = organisationId
        self.note = note
        self.expectedBy = expectedBy
        self.at = at
        self.byName = byName
    }

    public enum Field: Sendable { case note, expectedBy }

    /// What is wrong with a holding reply as typed: words are needed, within the length a letter would take; a
    /// day it promises is a real one and not already past.
    public static func problems(note: String, expectedBy: String, today: Day) -> [(field: Field, message: String)] {
        var problems: [(field: Field, message: String)] = []
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { problems.append((.note, "write the holding reply")) }
        if let message = TextLimits.noteProblem(text, what: "the holding reply") { problems.append((.note, message)) }
        let day = expectedBy.trimmingCharacters(in: .whitespaces)
        if !day.isEmpty {
            if let expected = Day(day) {
                if expected < today { problems.append((.expectedBy, "the day the response is expected must not be in the past")) }
            } else {
                problems.append((.expectedBy, "the day the response is expected must be a real date, for example \(today.adding(days: 28))"))
            }
        }
        return problems
    }
}
