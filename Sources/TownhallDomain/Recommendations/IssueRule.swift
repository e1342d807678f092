/// When a body's recommendations may be sent: they are the body's, so they go out once the meeting that considered
/// the report has been held and its decision on the item is recorded, or, before that, on a delegated authority the
/// clerk records (a scheme of delegation, a chair's action). The response period runs from issue.
public enum IssueRule {
    /// Why the recommendations cannot be issued yet, or nil when they can.
    public static func problem(meeting: Meeting, item: AgendaItem, authority: String?) -> String? {
        if authority?.trimmedOrNil != nil { return nil }
        if meeting.status != .held {
            return "the recommendations are issued once the meeting that considered the report has been held and its decision "
                + "recorded; mark the meeting held and record the decision on item \(item.number), or record the delegated "
                + "authority under which they are issued"
        }
        if item.decision?.trimmedOrNil == nil {
            return "record the meeting's decision on item \(item.number) before issuing its recommendations, or the delegated "
                + "authority under which they are issued"
        }
        return nil
    }
}
