import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 20, following the money: an LPAC's spending by organisation, service and year, imported all or nothing,
/// shown as totals, a chart and every line, and cited by the committee's inquiries.
@Suite("Following the money")
struct SpendingTests {
    @Test(arguments: [
        ("organisation,service,year\nharford-nhs,A,2025/26", "there is no amount column"),
        ("organisation,service,year,amount\nharford-nhs,A,2025/26,10\nharford-nhs,B,2025/26,ten pounds", "line 3, column amount"),
        ("organisation,service,year,amount\nharford-nhs,A,2025,10", "line 2, column year: \"2025\" is not a financial year"),
        ("organisation,service,year,amount\nharford-nhs,A,2025/26,10\nnobody,A,2025/26,10", "line 3, column organisation: there is no organisation \"nobody\""),
        ("organisation,service,year,amount\nharford-nhs,A,2025/26,10\nHarford-NHS,a,2025/26,12", "line 3, column service: the same organisation, service and year is on line 2 too"),
        ("organisation,service,year,amount\nharford-nhs,A,2025/26,-10", "line 2, column amount"),
    ])
    func aBadFileNamesLineAndColumnAndStoresNothing(csv: String, expected: String) throws {
        let store = try TestStore(seeded: true)
        let before = try store.database.list(SpendingLine.self)
        #expect { try store.database.importSpending(body: "harford-lpac", csv: csv, actor: .test) } throws: { error in
            (error as? TownhallError)?.message.contains(expected) == true
        }
        #expect(try store.database.list(SpendingLine.self) == before)
        #expect(throws: TownhallError.self) {
            try store.database.importSpending(body: "harford-policing-board", csv: "organisation,service,year,amount\nharford-nhs,A,2025/26,10", actor: .test)
        }
    }

    /// A place's year is bounded (`SpendingImport.maxLinesPerYear`), so its page and the clerk's choice of lines stay
    /// a readable size: a file over the bound is refused naming the first line past it, and so is a file that would
    /// take the year stored over it; either way nothing is stored.
    @Test func aYearOfSpendingIsBounded() throws {
        let store = try TestStore(seeded: true)
        let db = store.database
        let before = try db.list(SpendingLine.self)
        let limit = SpendingImport.maxLinesPerYear
        func file(_ count: Int, from first: Int = 0) -> String {
            "organisation,service,year,amount\n" + (first..<(first + count)).map { "harford-nhs,Service \($0),2024/25,\($0)" }.joined(separator: "\n")
        }
        #expect { try db.importSpending(body: "harford-lpac", csv: file(limit + 1), actor: .test) } throws: { error in
            (error as? TownhallError)?.message.contains("line \(limit + 2), column year") == true
        }
        #expect(try db.list(SpendingLine.self) == before)
        #expect(try db.importSpending(body: "harford-lpac", csv: file(limit - 1), actor: .test) == limit - 1)
        #expect { try db.importSpending(body: "harford-lpac", csv: file(2, from: limit), actor: .test) } throws: { error in
            (error as? TownhallError)?.message.contains("at most \(limit.formatted()) lines") == true
        }
        #expect(try db.list(SpendingLine.self).count == before.count + limit - 1)
        // Replacing lines already there does not count twice.
        #expect(try db.importSpending(body: "harford-lpac", csv: file(limit - 1), actor: .test) == limit - 1)
    }

    @Test func thePlaceShowsTotalsAChartAndWhatCitesEachLine() async throws {
        let office = try BackOffice()
        let db = office.store.database
        try await office.run { client in
            let page = try await Browser.anonymous(client, SiteURL.bodySpending(slug: "harford-lpac").path)
            #expect(page.status == .ok)
            #expect(page.body.contains("2025/26: £281,250,000 in all"))
            #expect(page.body.contains("Harford and Marsh NHS Foundation Trust</a></th><td>£82,550,000</td>"))
            #expect(page.body.contains("<th scope=\"row\">Hospital discharge and intermediate care</th><td>£28,150,000</td>"))
            #expect(page.body.contains("href=\"/inquiries/hospital-discharge\">Inquiry: Delays in hospital discharge</a>"))
            // The chart: one bar per organisation, largest first, values as the totals.
            let start = try #require(page.body.range(of: "<svg")), end = try #require(page.body.range(of: "</svg>"))
            let svg = String(page.body[start.lowerBound..<end.upperBound])
            final class Bars: NSObject, XMLParserDelegate {
                var values: [String] = []
                func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                    if name == "rect", let value = attributes["data-value"] { values.append(value) }
                }
            }
            let parser = XMLParser(data: Data(svg.utf8)), bars = Bars()
            parser.delegate = bars
            #expect(parser.parse())
            #expect(bars.values == ["12145000000", "8255000000", "7725000000"], "council, NHS, police, largest first, in pence")
            #expect(svg.contains("role=\"img\"") && svg.contains("<title id=\"spending-2025-26-title\">Spending by organisation, 2025/26</title>"))

            let inquiry = try await Browser.anonymous(client, SiteURL.inquiry(slug: "hospital-discharge").path)
            let cited = try #require(try db.list(SpendingLine.self).first { $0.service == "Hospital discharge and intermediate care" })
            #expect(inquiry.body.contains("href=\"/bodies/harford-lpac/spending?year=2025/26#line-\(cited.id!)\""))
            let csv = try await Browser.anonymous(client, SiteURL.dataFile(.spending, .csv).path)
            #expect(csv.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + (try db.list(SpendingLine.self).count))
            #expect(try await Browser.anonymous(client, SiteURL.bodySpending(slug: "harford-policing-board").path).status == .notFound)
        }
        let line = try #require(try db.list(SpendingLine.self).first)
        let issued = try #require(try db.list(Recommendation.self).first { $0.bodyId == line.bodyId })
        let draft = try db.addRecommendation(paperId: issued.paperId, organisationId: issued.organisationId, text: "A draft", now: office.clock.now, actor: .test)
        #expect(throws: TownhallError.self) { try db.citeSpending(lineId: line.id!, by: .recommendation(id: draft.id!), actor: .test) }
        _ = try db.citeSpending(lineId: line.id!, by: .inquiry(slug: "winter-urgent-care"), actor: .test)
        #expect(throws: TownhallError.self) { try db.citeSpending(lineId: line.id!, by: .inquiry(slug: "winter-urgent-care"), actor: .test) }
        let report = try #require(try db.list(Paper.self).first { $0.kind == .report })
        #expect(throws: TownhallError.self, "only written evidence cites spending") { try db.citeSpending(lineId: line.id!, by: .paper(id: report.id!), actor: .test) }
    }

    /// The clerk's screen does what the CLI does: a bad file is refused whole with its line and column named and its
    /// text kept in the box, a good one (uploaded with a spreadsheet's byte order mark) is imported, and a line cited
    /// by written evidence and by a recommendation shows on both pages and back on the spending page.
    @Test func aClerkImportsAndCitesSpendingInTheBrowser() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let path = SiteURL.adminSpending(body: "harford-lpac").path
        let before = try db.list(SpendingLine.self)
        let evidence = try #require(try db.list(Paper.self).first { $0.kind == .writtenEvidence })
        let recommendation = try #require(try db.list(Recommendation.self).first { $0.bodyId == before[0].bodyId && $0.status != .draft })
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let form = try await clerk.get(path)
            #expect(form.status == .ok && form.body.contains("enctype=\"multipart/form-data\""))
            let csrf = try #require(form.csrf)
            let bad = "organisation,service,year,amount\nharford-nhs,Dentistry,2026/27,\"£2,000\"\nharford-nhs,Pharmacy,2026/27,lots\n"
            let refused = try await clerk.upload(path, [("_csrf", csrf)], file: (field: "csvFile", name: "spending.csv", data: Data(bad.utf8)))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Line 3, column amount") && refused.body.contains("href=\"#csv\""))
            #expect(refused.body.contains("harford-nhs,Pharmacy,2026/27,lots"), "the file's text is kept in the box")
            #expect(try db.list(SpendingLine.self) == before, "nothing half-imported")
            let empty = try await clerk.post(path, [("_csrf", csrf), ("csv", "  ")])
            #expect(empty.status == .unprocessableContent && empty.body.contains("Choose a CSV file, or paste the table"))
            let good = "\u{FEFF}organisation,service,year,amount\nharford-nhs,Dentistry,2026/27,\"£2,000\"\n"
            #expect(try await clerk.upload(path, [("_csrf", csrf)], file: (field: "csvFile", name: "spending.csv", data: Data(good.utf8))).status == .seeOther)
            let dentistry = try #require(try db.list(SpendingLine.self).first { $0.service == "Dentistry" })
            #expect(dentistry.amountPence == 200_000 && dentistry.year == "2026/27")

            let cite = SiteURL.adminSpendingCitation(body: "harford-lpac").path
            let wrong = try await clerk.post(cite, [("_csrf", csrf), ("spendingLine", String(dentistry.id!)), ("citer", "inquiry:no-such-inquiry")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("href=\"#citer\"") && wrong.body.contains("value=\"\(dentistry.id!)\" selected"))
            #expect(try await clerk.post(cite, [("_csrf", csrf), ("spendingLine", String(dentistry.id!)), ("citer", "paper:\(evidence.id!)")]).status == .seeOther)
            #expect(try await clerk.post(cite, [("_csrf", csrf), ("spendingLine", String(dentistry.id!)), ("citer", "recommendation:\(recommendation.id!)")])
                .status == .seeOther)
            let again = try await clerk.post(cite, [("_csrf", csrf), ("spendingLine", String(dentistry.id!)), ("citer", "paper:\(evidence.id!)")])
            #expect(again.status == .unprocessableContent && again.body.contains("It already cites that line"))

            let lineLink = "href=\"/bodies/harford-lpac/spending?year=2026/27#line-\(dentistry.id!)\">Harford and Marsh NHS Foundation Trust, Dentistry, 2026/27: £2,000"
            #expect(try await Browser.anonymous(client, SiteURL.paper(evidence.id!).path).body.contains(lineLink))
            #expect(try await Browser.anonymous(client, SiteURL.recommendation(recommendation.id!).path).body.contains(lineLink))
            let place = try await Browser.anonymous(client, SiteURL.bodySpending(slug: "harford-lpac").path)
            #expect(place.body.contains("href=\"/papers/\(evidence.id!)\">Written evidence: \(evidence.title.replacingOccurrences(of: "'", with: "&#39;"))</a>"))
            #expect(place.body.contains("href=\"/recommendations/\(recommendation.id!)\">"))
            // One year a page: the newest, with links to the others; an unknown year is a 404.
            #expect(place.body.contains("<h2 class=\"heading-l\" id=\"year-2026-27\">") && !place.body.contains("id=\"year-2025-26\""))
            #expect(place.body.contains("href=\"/bodies/harford-lpac/spending?year=2025/26\">2025/26</a>"))
            let older = try await Browser.anonymous(client, SiteURL.bodySpending(slug: "harford-lpac").path(query: [(.year, "2025/26")]))
            #expect(older.status == .ok && older.body.contains("2025/26: £281,250,000 in all"))
            for year in ["1999/00", "<script>", "2025%2F26x"] {
                #expect(try await Browser.anonymous(client, "/bodies/harford-lpac/spending?year=\(year)").status == .notFound)
            }

            // Evidence not yet published may cite a line, but neither the page nor the download shows it until it is.
            let draft = try db.addPaper(itemId: evidence.agendaItemId, title: "Draft evidence from a care home", author: "A care home",
                                        markdown: "Not yet.", kind: .writtenEvidence, now: office.clock.now, actor: .test)
            #expect(try await clerk.post(cite, [("_csrf", csrf), ("spendingLine", String(dentistry.id!)), ("citer", "paper:\(draft.id!)")]).status == .seeOther)
            #expect(!(try await Browser.anonymous(client, SiteURL.bodySpending(slug: "harford-lpac").path).body.contains("Draft evidence")))
            #expect(!(try await Browser.anonymous(client, SiteURL.dataFile(.spending, .csv).path).body.contains("/papers/\(draft.id!)")))

            var other = Browser(client)
            try await other.signIn("board.clerk@townhall.test", BackOffice.password)
            #expect(try await other.get(path).status == .forbidden, "another body's clerk")
            #expect(try await clerk.get(SiteURL.adminSpending(body: "harford-policing-board").path).status == .notFound, "a board keeps no spending")
        }
    }
}
