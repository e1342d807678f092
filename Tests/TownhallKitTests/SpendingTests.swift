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
            #expect(inquiry.body.contains("href=\"/bodies/harford-lpac/spending#line-\(cited.id!)\""))
            let csv = try await Browser.anonymous(client, SiteURL.dataFile(.spending, .csv).path)
            #expect(csv.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + (try db.list(SpendingLine.self).count))
            #expect(try await Browser.anonymous(client, SiteURL.bodySpending(slug: "harford-policing-board").path).status == .notFound)
        }
        let line = try #require(try db.list(SpendingLine.self).first)
        #expect(throws: TownhallError.self) { try db.citeSpending(lineId: line.id!, actor: .test) }
        let issued = try #require(try db.list(Recommendation.self).first { $0.bodyId == line.bodyId })
        let draft = try db.addRecommendation(paperId: issued.paperId, organisationId: issued.organisationId, text: "A draft", now: office.clock.now, actor: .test)
        #expect(throws: TownhallError.self) { try db.citeSpending(lineId: line.id!, recommendationId: draft.id!, actor: .test) }
        _ = try db.citeSpending(lineId: line.id!, inquiry: "winter-urgent-care", actor: .test)
        #expect(throws: TownhallError.self) { try db.citeSpending(lineId: line.id!, inquiry: "winter-urgent-care", actor: .test) }
    }
}
