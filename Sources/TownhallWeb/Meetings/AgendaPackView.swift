import Foundation
import TownhallDomain
import TownhallStore

/// The agenda pack's document: a cover, the agenda, then each public paper on a page of its own. Headings inside a
/// paper move one level down (under the paper's own h2) and their ids take the paper's id, so two papers' "Purpose"
/// headings never share an id.
struct AgendaPackView: Sendable {
    struct Paper: Sendable {
        let anchor: String
        let title: String
        let itemLabel: String
        let byline: String
        let html: String
    }

    struct Item: Sendable {
        let number: String
        let itemTitle: String
        let exemptNote: String?
        let papers: [Paper]
    }

    let siteName: String
    let bodyName: String
    let meetingTitle: String
    let when: String
    let place: String?
    let agendaPublishedOn: String
    let meetingURL: String
    let generatedOn: String
    let attending: MeetingView.Attending?
    let stylesheet = "/css/agenda-pack.css"
    let items: [Item]
    let hasPapers: Bool

    init(_ source: AgendaPackSource, siteName: String, baseURL: String, generatedAt: Date, time: LocalTime) {
        let meeting = source.summary.meeting
        self.siteName = siteName
        bodyName = source.summary.bodyName
        meetingTitle = meeting.title
        when = time.dateTime(meeting.startsAt)
        place = source.location.map { [$0.name, $0.address].filter { !$0.isEmpty }.joined(separator: ", ") }
        agendaPublishedOn = meeting.agendaPublishedAt.map(time.longDate) ?? ""
        meetingURL = baseURL + SiteURL.meeting(meeting.id!).path
        generatedOn = time.dateTime(generatedAt)
        attending = MeetingView.Attending(meeting)
        items = source.items.map { entry in
            let item = entry.item
            return Item(
                number: item.number, itemTitle: item.title,
                exemptNote: item.exemptParagraph.map { "exempt information under paragraph \($0.rawValue) of Schedule 12A; its papers are not public" },
                papers: entry.papers.map { paper in
                    Paper(
                        anchor: "paper-\(paper.id)", title: paper.title, itemLabel: "Item \(item.number): \(item.title)",
                        byline: [paper.author.isEmpty ? nil : "By \(paper.author)", paper.publishedAt.map { "published \(time.longDate($0))" },
                                 paper.revision > 1 ? "revision \(paper.revision)" : nil].compactMap { $0 }.joined(separator: ", "),
                        html: Self.nested(paper.html, paperId: paper.id))
                })
        }
        hasPapers = items.contains { !$0.papers.isEmpty }
    }

    /// A paper's HTML one heading level down, with its heading ids (and links to them) made its own.
    static func nested(_ html: String, paperId: Int64) -> String {
        var out = html
        for level in stride(from: 5, through: 2, by: -1) {
            out = out.replacingOccurrences(of: "<h\(level) ", with: "<h\(level + 1) ").replacingOccurrences(of: "<h\(level)>", with: "<h\(level + 1)>")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        return out.replacingOccurrences(of: " id=\"", with: " id=\"p\(paperId)-").replacingOccurrences(of: " href=\"#", with: " href=\"#p\(paperId)-")
    }

    /// The document as the PDF renderer reads it: no stylesheet link (it is given the file) and each image replaced
    /// by its text, so the renderer has nothing to fetch from anywhere.
    static func offline(_ document: String) -> String {
        var out = document.replacingOccurrences(of: #"<link rel="stylesheet"[^>]*>"#, with: "", options: .regularExpression)
        while let start = out.range(of: "<img "), let end = out[start.upperBound...].firstIndex(of: ">") {
            let tag = out[start.lowerBound...end]
            let alt = tag.range(of: #"alt="[^"]*""#, options: .regularExpression).map { String(tag[$0].dropFirst(5).dropLast()) } ?? ""
            out.replaceSubrange(start.lowerBound...end, with: "[Image" + (alt.isEmpty ? "" : ": \(alt)") + "]")
        }
        return out
    }
}
