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
    /// On a non-exempt item of a published agenda.
    static let itemAndAgenda = "i.isExempt = 0 AND m.agendaPublishedAt IS NOT NULL"
    /// The current public revision only.
    static let currentPaper = "p.status = 'published' AND \(itemAndAgenda)"
    /// Any public revision, current or superseded.
    static let anyRevision = "p.status IN ('published', 'superseded') AND \(itemAndAgenda)"
    /// An issued (or since referred or closed) recommendation `r` on a public revision.
    static let recommendation = "r.status <> 'draft' AND \(anyRevision)"
}
