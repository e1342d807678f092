/// How an item taken as urgent business is recorded: the chair is of the opinion that it should be considered at
/// the meeting as a matter of urgency, by reason of special circumstances "which shall be specified in the minutes"
/// (Local Government Act 1972 s100B(4)(b)). One wording for the public agenda, one for the minutes.
public enum Urgency {
    /// On the agenda, before the meeting.
    public static func agendaStatement(_ circumstances: String) -> String {
        "The chair is of the opinion that this item should be considered at the meeting as a matter of urgency because of these special circumstances: \(circumstances)"
    }

    /// In the minutes, after it.
    public static func minutesStatement(_ circumstances: String) -> String {
        "The chair was of the opinion that this item should be considered at the meeting as a matter of urgency because of these special circumstances: \(circumstances)"
    }
}
