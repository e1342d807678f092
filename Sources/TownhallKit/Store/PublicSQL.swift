/// The publication rule as SQL, written once for every query that lists papers: a paper `p` is public when it is
/// published (or, where recommendations and responses refer back to it, superseded), on a non-exempt item `i`
/// of a meeting `m` whose agenda is published. (The search view in the v8 migration keeps its own frozen copy.)
enum PublicSQL {
    static let paperJoins = "paper p JOIN agendaItem i ON i.id = p.agendaItemId JOIN meeting m ON m.id = i.meetingId"
    /// On a non-exempt item of a published agenda.
    static let itemAndAgenda = "i.isExempt = 0 AND m.agendaPublishedAt IS NOT NULL"
    /// The current public revision only.
    static let currentPaper = "p.status = 'published' AND \(itemAndAgenda)"
    /// Any public revision, current or superseded.
    static let anyRevision = "p.status IN ('published', 'superseded') AND \(itemAndAgenda)"
}
