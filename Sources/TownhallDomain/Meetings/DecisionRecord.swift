/// What a body decided on an agenda item, recorded as a decision record should be: the decision, the reasons for it,
/// the alternatives considered and rejected, and the day it takes effect (the record the Local Authorities
/// (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012, regulation 13, asks of an
/// executive decision; Townhall keeps the same for every body). Interests declared on the item come from the meeting's
/// record of declarations, so they are not typed twice.
public struct DecisionRecord: Sendable, Equatable {
    public var decision: String
    public var reasons: String?
    public var alternatives: String?
    /// A London calendar day, on or after the meeting's.
    public var takesEffect: Day?

    /// The record from what a clerk or the CLI sent: nil when nothing was decided; an error when reasons,
    /// alternatives or a date come without a decision, or the date is before the meeting.
    public static func check(decision: String?, reasons: String?, alternatives: String?, takesEffect: Day?, meetingDay: Day) throws -> DecisionRecord? {
        let reasons = reasons?.trimmedOrNil, alternatives = alternatives?.trimmedOrNil
        guard let decision = decision?.trimmedOrNil else {
            if reasons != nil || alternatives != nil || takesEffect != nil {
                throw TownhallError.invalid("record the decision itself before its reasons, alternatives or the day it takes effect")
            }
            return nil
        }
        if let takesEffect, takesEffect < meetingDay {
            throw TownhallError.invalid("a decision cannot take effect before the meeting that made it, on \(meetingDay)")
        }
        return DecisionRecord(decision: decision, reasons: reasons, alternatives: alternatives, takesEffect: takesEffect)
    }
}
