import Foundation
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// A large store for benchmarks: `bodies` joint committees, ten papers a meeting (five items of two papers),
/// every paper published with realistic Markdown (headings, lists, a table) rendered once, as publication does.
/// Written with plain inserts in one transaction per body; each meeting's agenda is published last, so the search
/// triggers index a meeting once.
public struct BenchData: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    static let words = """
        budget precept policing neighbourhood victims response patrol investigation custody estates fleet reserves capital revenue
        savings inflation pay pension overtime recruitment training wellbeing complaints standards misconduct vetting diversity
        schools attainment attendance exclusions admissions transport safeguarding early help reablement discharge hospital
        ambulance waiting housing homelessness adaptations carers dementia mental health prevention youth offending knife crime
        drugs county lines burglary robbery fraud cyber rural road safety speed cameras antisocial behaviour graffiti parks
        libraries leisure climate flooding drainage highways potholes lighting buses parking licensing planning enforcement
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// A deterministic generator, so every run benchmarks the same store.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func word() -> String { BenchData.words[Int(next() % UInt64(BenchData.words.count))] }
        mutating func phrase(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }
    }

    static func markdown(_ generator: inout Generator, number: Int) -> String {
        var text = "# Summary\n\n" + (0..<3).map { _ in generator.phrase(40).prefix(1).uppercased() + generator.phrase(40) + "." }
            .joined(separator: " ") + "\n\n## Recommendations\n\nThe committee is asked to:\n\n"
        for index in 1...4 { text += "\(index). note the \(generator.phrase(6)) and agree the \(generator.phrase(4));\n" }
        text += "\n## Figures\n\n```csv Figures for report \(number) (£ thousands)\nArea,2026/27,2027/28,Change\n"
        for _ in 0..<8 {
            let before = Int(generator.next() % 90_000) + 1000, after = before + Int(generator.next() % 4000) - 2000
            text += "\(generator.word().capitalized) \(generator.word()),\(before),\(after),\(after - before)\n"
        }
        text += "```\n\n## Detail\n\n" + (0..<6).map { _ in generator.phrase(30) + "." }.joined(separator: "\n\n") + "\n"
        return text
    }

    /// Fills an empty store; returns (bodies, meetings, papers) written.
    public func seed(bodies: Int, papers: Int, now: Date) throws -> (Int, Int, Int) {
        guard try database.list(Body.self).isEmpty else {
            throw TownhallError.conflict("the store already has bodies; the bench seed only fills an empty store")
        }
        let renderer = MarkdownRenderer()
        var generator = Generator(state: 2026)
        let papersPerMeeting = 10
        let meetingsPerBody = max(1, (papers + bodies * papersPerMeeting - 1) / (bodies * papersPerMeeting))
        var written = 0, meetings = 0
        try database.bulkLoad(actor: .demo, details: "\(bodies) bodies, \(papers) papers", at: now) { loader in
            for body in 1...bodies {
                try loader.batch { batch in
                    var record = Body(
                        slug: "bench-body-\(body)", name: "Joint Committee \(body) on \(generator.word().capitalized)", kind: body % 3 == 0 ? .lpac : .jointCommittee,
                        description: "Benchmark body \(body).", area: "Bench area \(body % 40)")
                    try batch.insert(&record)
                    for index in 0..<meetingsPerBody where written < papers {
                        // Meetings spread from two years ago to a year ahead.
                        let start = now.addingTimeInterval(Double((index * 1095 / meetingsPerBody) - 730) * 86_400 + Double(body % 7) * 3600)
                        var meeting = Meeting(
                            bodyId: record.id!, title: "Meeting \(index + 1)", startsAt: start, endsAt: start.addingTimeInterval(7200),
                            locationId: nil, status: start < now ? .held : .scheduled, agendaPublishedAt: nil, lateReason: nil)
                        try batch.insert(&meeting)
                        meetings += 1
                        for position in 1...5 where written < papers {
                            var item = AgendaItem(
                                meetingId: meeting.id!, position: position, number: String(position), title: generator.phrase(5).capitalized,
                                itemType: position == 1 ? .decision : .report, isExempt: false, exemptParagraph: nil,
                                decision: position == 1 ? "Agreed: " + generator.phrase(12) : nil)
                            try batch.insert(&item)
                            for _ in 0..<2 where written < papers {
                                written += 1
                                let markdown = Self.markdown(&generator, number: written)
                                var paper = Paper(
                                    agendaItemId: item.id!, title: "Report \(written): " + generator.phrase(4), author: "Bench author",
                                    markdown: markdown, html: renderer.render(markdown).html, status: .published, revision: 1,
                                    publishedAt: start.addingTimeInterval(-10 * 86_400), createdAt: start.addingTimeInterval(-12 * 86_400))
                                try batch.insert(&paper)
                            }
                        }
                        meeting.agendaPublishedAt = start.addingTimeInterval(-10 * 86_400)
                        try batch.update(meeting)
                    }
                }
            }
        }
        return (bodies, meetings, written)
    }
}
