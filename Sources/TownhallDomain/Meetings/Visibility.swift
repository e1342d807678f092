/// What the public may see, stated over loaded records; `PublicSQL` in the store states the same rule for queries,
/// and `VisibilityTests` checks every public surface against one fixture of every hidden case.
///
/// Local Government Act 1972: an agenda and its reports are open to inspection once the agenda is published
/// (section 100B), except what the proper officer marks as exempt information under Schedule 12A, whose item titles
/// stay on the agenda.
public enum Visibility {
    /// The agenda, with every item's title and number, is public once published.
    public static func agendaIsPublic(_ meeting: Meeting) -> Bool { meeting.agendaPublishedAt != nil }

    /// An item's papers, files and decision are public on a published agenda, unless the item is exempt.
    public static func itemContentIsPublic(_ item: AgendaItem, on meeting: Meeting) -> Bool {
        agendaIsPublic(meeting) && !item.isExempt
    }

    /// A paper is public as a published revision, or one superseded by a later revision (its page stays readable).
    public static func paperIsPublic(_ paper: Paper, item: AgendaItem, meeting: Meeting) -> Bool {
        paper.status.isPublic && itemContentIsPublic(item, on: meeting)
    }

    /// A file is public with its item's content, and, when it belongs to a paper, with that paper.
    public static func attachmentIsPublic(_ file: Attachment, paper: Paper?, item: AgendaItem, meeting: Meeting) -> Bool {
        itemContentIsPublic(item, on: meeting) && (file.paperId == nil || paper.map { $0.status.isPublic } == true)
    }
}
