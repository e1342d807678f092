/// A published paper, served from the HTML stored when it was published.
struct PaperView: Sendable {
    let title: String
    let author: String
    let revision: Int
    let publishedOn: String
    let isoPublished: String
    let html: String
    let meeting: MeetingRow
    let itemNumber: String
    let itemTitle: String
    let attachments: [AttachmentLink]
    let hasAttachments: Bool

    init(_ detail: PaperDetail, time: LocalTime) {
        title = detail.paper.title
        author = detail.paper.author
        revision = detail.paper.revision
        let published = detail.paper.publishedAt ?? detail.paper.createdAt
        publishedOn = time.shortDate(published)
        isoPublished = time.isoLocal(published)
        html = detail.paper.html ?? ""
        meeting = MeetingRow(detail.meeting, time: time)
        itemNumber = detail.item.number
        itemTitle = detail.item.title
        attachments = detail.attachments.map(AttachmentLink.init)
        hasAttachments = !attachments.isEmpty
    }
}
