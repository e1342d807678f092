import TownhallDomain
import TownhallStore

/// A published paper, served from the HTML stored when it was published.
struct PaperView: Sendable, Encodable {
    let title: String
    let author: String
    let revision: Int
    let lateReason: String?
    let publishedOn: String
    let isoPublished: String
    let html: String
    let meeting: MeetingRow
    let itemNumber: String
    let itemTitle: String
    let attachments: [AttachmentLink]
    let hasAttachments: Bool
    let isSuperseded: Bool
    let supersededOn: String?
    let latest: RevisionLink?
    let revisions: [RevisionLink]
    let hasEarlierRevisions: Bool
    /// For written evidence, the spending lines it cites (issue 20).
    let spending: [CitedSpending]
    let hasSpending: Bool

    struct RevisionLink: Sendable, Encodable {
        let revision: Int
        let url: String
        let publishedOn: String
        let isCurrentPage: Bool
    }

    init(_ detail: PaperDetail, spending: [SpendingEntry] = [], time: LocalTime) {
        self.spending = spending.map(CitedSpending.init)
        hasSpending = !spending.isEmpty
        title = detail.paper.title
        author = detail.paper.author
        revision = detail.paper.revision
        lateReason = detail.paper.lateReason
        let published = detail.paper.publishedAt ?? detail.paper.createdAt
        publishedOn = time.shortDate(published)
        isoPublished = time.isoLocal(published)
        html = detail.paper.html ?? ""
        meeting = MeetingRow(detail.meeting, time: time)
        itemNumber = detail.item.number
        itemTitle = detail.item.title
        attachments = detail.attachments.map(AttachmentLink.init)
        hasAttachments = !attachments.isEmpty
        isSuperseded = detail.paper.status == .superseded
        supersededOn = detail.paper.supersededAt.map(time.shortDate)
        let links = detail.revisions.map {
            RevisionLink(revision: $0.revision, url: SiteURL.paper($0.id).path, publishedOn: $0.publishedAt.map(time.shortDate) ?? "",
                         isCurrentPage: $0.id == detail.paper.id)
        }
        revisions = links
        latest = isSuperseded ? links.last : nil
        hasEarlierRevisions = links.count > 1
    }
}
