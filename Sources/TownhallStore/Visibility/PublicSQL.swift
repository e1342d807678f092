import TownhallDomain

/// What the public may see, as SQL, written once for every public read: pages, tracker, organisation pages, search,
/// feeds, bulk data and OParl. `Visibility` in the domain states the same rule over loaded records, and
/// `VisibilityTests` checks every public surface against one fixture of every hidden case.
///
/// A paper `p` is public when it is published (or superseded by a later revision, whose page stays readable) on a
/// non-exempt item `i` (Local Government Act 1972, Schedule 12A) of a meeting `m` whose agenda is published
/// (section 100B: papers are open to inspection once the agenda is). A recommendation `r` is public once issued on a
/// public paper; a response once submitted on a public recommendation.
enum PublicSQL {
    static let paperJoins = "paper p JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId"
    /// A meeting whose agenda (every item's number and title) is published.
    static let agenda = "m.agendaPublishedAt IS NOT NULL"
    /// On a non-exempt item of a published agenda.
    static let itemAndAgenda = "i.isExempt = 0 AND \(agenda)"
    /// The current public revision only.
    static let currentPaper = "p.status = 'published' AND \(itemAndAgenda)"
    /// Any public revision, current or superseded.
    static let anyRevision = "p.status IN ('published', 'superseded') AND \(itemAndAgenda)"
    /// A file `a` with its item `i`, meeting `m` and paper `p` if it has one.
    static let attachmentJoins = """
        attachment a JOIN agendaItem i ON i.id = a.agendaItemId JOIN meeting m ON m.id = i.meetingId LEFT JOIN paper p ON p.id = a.paperId
        """
    /// A file on a public item's content, and on a public revision if it belongs to a paper.
    static let attachment = "\(itemAndAgenda) AND (a.paperId IS NULL OR p.status IN ('published', 'superseded'))"
    /// An issued (or since referred or closed) recommendation `r` on a public revision.
    static let recommendation = "r.status <> 'draft' AND \(anyRevision)"
}
