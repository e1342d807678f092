import Foundation
import GRDB
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// One fixture holding every case the public must not see, beside one of each that it may, checked against every
/// public surface: pages, tracker, organisation pages, search, Atom, iCalendar, CSV/JSON and OParl. Each object
/// carries a marker word; a hidden marker may appear on no public surface, and a visible one must appear where a
/// resident would look for it.
@Suite("What the public may see")
struct VisibilityTests {
    /// Markers of what the public may see, and of what it may not. (An exempt item's title is public, as the law
    /// requires; what is exempt is its papers, files and discussion.)
    static let visible = ["zqvisiblepaper", "zqvisiblerec", "zqvisibleresp", "zqvisiblefile", "zqitemfile"]
    static let hidden = [
        "zqdraftpaper", "zqwithdrawnpaper", "zqexemptpaper", "zqunpubpaper", "zqunpubitem",
        "zqdraftrec", "zqunpubrec", "zqdraftresp", "zqunpubresp",
        "zqdraftfile", "zqwithdrawnfile", "zqexemptfile", "zqunpubfile",
    ]

    struct Fixture {
        let store: TestStore
        let clock: TestClock
        /// Object ids by marker, for the by-id surfaces.
        var papers: [String: Int64] = [:]
        var recommendations: [String: Int64] = [:]
        var files: [String: (id: Int64, name: String)] = [:]
        var meetings: [String: Int64] = [:]
        var supersededPaper: Int64 = 0

        init() throws {
            // A working Wednesday morning, more than five clear working days before the meetings.
            clock = TestClock(ISO8601DateFormatter().date(from: "2026-12-02T10:00:00Z")!)
            store = try TestStore(now: clock.now)
            let db = store.database, now = clock.now, rule = store.rule, time = rule.time
            let deadlines = try store.config.deadlines()
            _ = try db.addBody(slug: "zq-lpac", name: "Zq LPAC", kind: .lpac, actor: .test)
            let trust = try db.addOrganisation(slug: "zq-trust", name: "Zq Trust", kind: .nhsTrust, actor: .test)
            func meeting(_ title: String, _ day: String) throws -> Meeting {
                try db.addMeeting(body: "zq-lpac", title: title, startsAt: try time.parseDateTime("\(day) 10:00"), endsAt: nil,
                                  locationName: nil, address: nil, actor: .test)
            }
            func paper(_ item: Int64, _ marker: String, publish: Bool) throws -> Paper {
                let paper = try db.addPaper(itemId: item, title: "Report \(marker)", author: "", markdown: "Text of \(marker).",
                                            now: now, actor: .test)
                if publish { _ = try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: now, rule: rule, actor: .test) }
                papers[marker] = paper.id!
                return paper
            }
            func attach(_ item: Int64, _ paper: Int64?, _ marker: String) throws {
                let file = try db.attach(itemId: item, paperId: paper, fileName: "\(marker).csv", data: Data("a,b\n1,2\n".utf8),
                                         files: store.files, maxBytes: 1_000_000, now: now, actor: .test)
                files[marker] = (file.id!, file.fileName)
            }

            let open = try meeting("Zq open session", "2027-01-20")
            // The notice of intention its private item needs (regulation 5(2)).
            _ = try db.addPlanEntry(body: "zq-lpac", title: "Zq exempt item", expectedOn: "2027-01-20", isKeyDecision: false,
                                    exemptParagraph: .financialAffairs, at: now, actor: .test)
            let closedAgenda = try meeting("Zq session with unpublished agenda", "2027-01-27")
            meetings = ["open": open.id!, "unpublished": closedAgenda.id!]
            let item = try db.addAgendaItem(meetingId: open.id!, title: "Zq public item", type: .report, rule: testRule, actor: .test)
            let exempt = try db.addAgendaItem(meetingId: open.id!, title: "Zq exempt item", type: .report,
                                              exemption: try Exemption(paragraph: .financialAffairs, publicInterestReason: "Commercial terms"),
                                              rule: testRule, actor: .test)
            let unpublishedItem = try db.addAgendaItem(meetingId: closedAgenda.id!, title: "Zq item zqunpubitem", type: .report,
                                                       rule: testRule, actor: .test)

            let report = try paper(item.id!, "zqvisiblepaper", publish: true)
            let draft = try paper(item.id!, "zqdraftpaper", publish: false)
            let withdrawn = try paper(item.id!, "zqwithdrawnpaper", publish: true)
            let exemptPaper = try paper(exempt.id!, "zqexemptpaper", publish: true)
            let unpublished = try paper(unpublishedItem.id!, "zqunpubpaper", publish: true)
            // A revised paper: the first revision stays readable, marked superseded.
            let first = try paper(item.id!, "zqfirstrevision", publish: true)
            let second = try db.startRevision(of: first.id!, now: now, actor: .test)
            _ = try db.publishPaper(id: second.id!, renderer: MarkdownRenderer(), at: now, rule: rule, lateReason: nil, actor: .test)
            supersededPaper = first.id!

            try attach(item.id!, report.id!, "zqvisiblefile")
            try attach(item.id!, nil, "zqitemfile")
            try attach(item.id!, draft.id!, "zqdraftfile")
            try attach(item.id!, withdrawn.id!, "zqwithdrawnfile")
            try attach(exempt.id!, exemptPaper.id!, "zqexemptfile")
            try attach(unpublishedItem.id!, unpublished.id!, "zqunpubfile")
            _ = try db.withdrawPaper(id: withdrawn.id!, reason: "Wrong figures", at: now, actor: .test)
            _ = try db.publishAgenda(meetingId: open.id!, at: now, rule: rule, actor: .test)

            // Recommendations: one issued on the public report, one left as a draft, one issued on a report whose
            // meeting agenda is not published (so the report itself is not public).
            let issued = try db.addRecommendation(paperId: report.id!, organisationId: trust.id!, text: "zqvisiblerec: publish data.",
                                                  now: now, actor: .test)
            _ = try db.issueRecommendations(paperId: report.id!, at: now, deadlines: deadlines, authority: "Test", actor: .test)
            let draftRecommendation = try db.addRecommendation(paperId: report.id!, organisationId: trust.id!,
                                                               text: "zqdraftrec: not yet agreed.", now: now, actor: .test)
            let hiddenRecommendation = try db.addRecommendation(paperId: unpublished.id!, organisationId: trust.id!,
                                                                text: "zqunpubrec: early.", now: now, actor: .test)
            _ = try db.issueRecommendations(paperId: unpublished.id!, at: now, deadlines: deadlines, authority: "Test", actor: .test)
            recommendations = ["zqvisiblerec": issued.id!, "zqdraftrec": draftRecommendation.id!, "zqunpubrec": hiddenRecommendation.id!]

            // Responses: one submitted on the public report, then a draft correction; one submitted on the hidden report.
            let answer = { (marker: String) in
                [ResponseAnswer(decision: .accepted, action: "\(marker) action", targetDate: "2027-06-30")]
            }
            _ = try db.submitResponse(paperId: report.id!, organisationId: trust.id!, answers: [issued.id!: answer("zqvisibleresp")[0]],
                                      basedOnVersion: 0, now: now, deadlines: deadlines, actor: .test)
            _ = try db.saveResponseDraft(paperId: report.id!, organisationId: trust.id!, answers: [issued.id!: answer("zqdraftresp")[0]],
                                         now: now, actor: .test)
            _ = try db.submitResponse(paperId: unpublished.id!, organisationId: trust.id!,
                                      answers: [hiddenRecommendation.id!: answer("zqunpubresp")[0]], basedOnVersion: 0, now: now,
                                      deadlines: deadlines, actor: .test)
        }
    }

    /// Every public URL that lists or shows these objects.
    static func surfaces(_ fixture: Fixture) -> [String] {
        var urls = [
            "/", "/bodies/zq-lpac", "/recommendations", "/organisations/zq-trust", "/peer-challenges",
            "/feeds/papers.atom", "/feeds/responses.atom", "/bodies/zq-lpac/papers.atom", "/bodies/zq-lpac/responses.atom",
            "/calendar.ics", "/bodies/zq-lpac/calendar.ics", "/data",
        ]
        for name in ["meetings", "recommendations", "responses"] { urls += ["/data/\(name).csv", "/data/\(name).json"] }
        urls += fixture.meetings.values.map { "/meetings/\($0)" }
        urls += fixture.papers.values.map { "/papers/\($0)" }
        urls += fixture.recommendations.values.map { "/recommendations/\($0)" }
        urls += fixture.files.values.map { "/attachments/\($0.id)/\($0.name)" }
        let api = "/oparl/v1.1"
        urls += ["\(api)/system", "\(api)/bodies"]
        for list in OParlKind.lists { urls.append("\(api)/bodies/1/\(list.rawValue)?limit=1000") }
        for (kind, ids) in [("papers", Array(fixture.papers.values)), ("files", fixture.files.values.map(\.id)),
                            ("meetings", Array(fixture.meetings.values)), ("consultations", Array(fixture.papers.values))] {
            urls += ids.map { "\(api)/\(kind)/\($0)" }
        }
        for id in 1...12 { urls.append("\(api)/agendaitems/\(id)") }
        return urls
    }

    @Test func noPublicSurfaceShowsAnythingHiddenAndEachShowsWhatIsPublic() async throws {
        let fixture = try Fixture()
        let app = try await buildApplication(
            config: fixture.store.config, database: fixture.store.database, logger: .quietTests, policy: .testing,
            now: { fixture.clock.now })
        try await app.test(.router) { client in
            var bodies: [String: String] = [:]
            for url in Self.surfaces(fixture) {
                let page = try await Browser.anonymous(client, url)
                bodies[url] = page.status == .ok ? page.body : ""
            }
            for marker in Self.hidden {
                for (url, body) in bodies {
                    #expect(!body.contains(marker), "\(marker) is shown at \(url)")
                }
            }
            // By id, hidden objects do not exist for the public.
            for marker in ["zqdraftpaper", "zqwithdrawnpaper", "zqexemptpaper", "zqunpubpaper"] {
                #expect(try await Browser.anonymous(client, "/papers/\(fixture.papers[marker]!)").status == .notFound, "\(marker)")
            }
            for marker in ["zqdraftrec", "zqunpubrec"] {
                #expect(try await Browser.anonymous(client, "/recommendations/\(fixture.recommendations[marker]!)").status == .notFound,
                        "\(marker)")
            }
            for marker in ["zqdraftfile", "zqwithdrawnfile", "zqexemptfile", "zqunpubfile"] {
                let file = fixture.files[marker]!
                #expect(try await Browser.anonymous(client, "/attachments/\(file.id)/\(file.name)").status == .notFound, "\(marker)")
            }
            // What is public is where a resident looks for it.
            let paper = fixture.papers["zqvisiblepaper"]!, recommendation = fixture.recommendations["zqvisiblerec"]!
            let expected: [(String, [String])] = [
                ("zqvisiblepaper", ["/papers/\(paper)", "/meetings/\(fixture.meetings["open"]!)", "/feeds/papers.atom",
                                    "/oparl/v1.1/bodies/1/papers?limit=1000"]),
                ("zqvisiblerec", ["/recommendations", "/recommendations/\(recommendation)", "/organisations/zq-trust",
                                  "/data/recommendations.csv", "/data/recommendations.json"]),
                ("zqvisibleresp", ["/recommendations/\(recommendation)", "/data/responses.csv", "/data/responses.json"]),
                ("zqvisiblefile", ["/papers/\(paper)", "/oparl/v1.1/bodies/1/files?limit=1000"]),
                ("zqitemfile", ["/meetings/\(fixture.meetings["open"]!)", "/oparl/v1.1/bodies/1/files?limit=1000"]),
            ]
            for (marker, urls) in expected {
                for url in urls { #expect(bodies[url]?.contains(marker) == true, "\(marker) missing at \(url)") }
            }
            // The responses feed has one entry (it gives counts, not text): the response on the public report.
            #expect(bodies["/feeds/responses.atom"]?.components(separatedBy: "<entry>").count == 2)
            #expect(bodies["/feeds/responses.atom"]?.contains("Zq Trust") == true)
            // The superseded revision stays readable on its own page.
            let superseded = try await Browser.anonymous(client, "/papers/\(fixture.supersededPaper)")
            #expect(superseded.status == .ok)
            #expect(superseded.body.lowercased().contains("superseded"))
            // Search: a hidden marker finds nothing (the page equals one for a word that exists nowhere); a visible one
            // finds its object.
            for marker in Self.hidden {
                let control = String(repeating: "x", count: marker.count)
                let found = try await Browser.anonymous(client, "/search?q=\(marker)").body
                let nothing = try await Browser.anonymous(client, "/search?q=\(control)").body
                #expect(found.replacingOccurrences(of: marker, with: control) == nothing, "search finds \(marker)")
            }
            for marker in ["zqvisiblepaper", "zqvisiblerec", "zqvisibleresp"] {
                let found = try await Browser.anonymous(client, "/search?q=\(marker)").body
                #expect(found.contains("<mark>\(marker)"), "search misses \(marker)")
            }
        }
    }

    /// The rule as SQL (`PublicSQL`, for queries) and over records (`Visibility`, for loaded objects) agree on every
    /// paper and file of the fixture.
    @Test func theSQLAndTheRecordRuleAgree() async throws {
        let fixture = try Fixture()
        try await fixture.store.database.writer.read { db in
            let publicPapers = Set(try Int64.fetchAll(db, sql: "SELECT p.id FROM \(PublicSQL.paperJoins) WHERE \(PublicSQL.anyRevision)"))
            let publicFiles = Set(try Int64.fetchAll(db, sql: "SELECT a.id FROM \(PublicSQL.attachmentJoins) WHERE \(PublicSQL.attachment)"))
            for paper in try Paper.fetchAll(db) {
                let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId)!, meeting = try Meeting.fetchOne(db, key: item.meetingId)!
                #expect(Visibility.paperIsPublic(paper, item: item, meeting: meeting) == publicPapers.contains(paper.id!), "paper \(paper.title)")
            }
            for file in try Attachment.fetchAll(db) {
                let item = try AgendaItem.fetchOne(db, key: file.agendaItemId)!, meeting = try Meeting.fetchOne(db, key: item.meetingId)!
                let paper = try file.paperId.flatMap { try Paper.fetchOne(db, key: $0) }
                #expect(Visibility.attachmentIsPublic(file, paper: paper, item: item, meeting: meeting) == publicFiles.contains(file.id!),
                        "file \(file.fileName)")
            }
            #expect(publicPapers.count >= 3 && publicFiles.count == 2)
        }
    }
}
