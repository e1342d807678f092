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
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 20: plans with measured priorities, imported from CSV or a published report, shown with charts.
@Suite("Plans, measures and performance")
struct PerformanceTests {
    @Test func periodsReadAsPublishedAndSortInTime() {
        #expect(ReportingPeriod("2026/27")?.description == "2026/27")
        #expect(ReportingPeriod(" 2026/27 q1") == nil, "Q is upper case, as published")
        #expect(ReportingPeriod("2026/27 Q4").map { ($0.startYear, $0.startMonth) }! == (2027, 1), "Q4 of a financial year is January to March")
        #expect(ReportingPeriod("2026/28") == nil && ReportingPeriod("2026-13") == nil && ReportingPeriod("26/27") == nil && ReportingPeriod("") == nil)
        let sorted = ["2026/27 Q3", "2026", "2026/27 Q1", "2025/26", "2026-05", "2026/27 Q4"].compactMap(ReportingPeriod.init).sorted().map(\.description)
        #expect(sorted == ["2025/26", "2026", "2026/27 Q1", "2026-05", "2026/27 Q3", "2026/27 Q4"])
        #expect(MeasureNumber.parse("1,234.5") == 1234.5 && MeasureNumber.parse("62%") == 62 && MeasureNumber.parse("nan") == nil
                && MeasureNumber.parse("1e400") == nil && MeasureNumber.parse("") == nil)
        #expect(Trend.of(latest: 69, baseline: 72, direction: .higher) == .worsening)
        #expect(Trend.of(latest: 28, baseline: 31, direction: .lower) == .improving)
        #expect(Trend.of(latest: nil, baseline: 31, direction: .lower) == .noData)
    }

    /// Each mistake names its line and column, and nothing of the file is stored.
    @Test(arguments: [
        ("priority,measure,period\nA,B,2025/26", "there is no value column"),
        ("priority,measure,period,value,colour\nA,B,2025/26,1,red", "column colour"),
        ("priority,measure,period,value\nNeighbourhood policing,Victims satisfied with the service they received,2025/26,seventy", "line 2, column value: \"seventy\" is not a number"),
        ("priority,measure,period,value\nPutting victims first,Victims satisfied with the service they received,2025/26 Q1,70\nPutting victims first,Victims satisfied with the service they received,next year,70",
         "line 3, column period"),
        ("priority,measure,period,value\nPutting victims first,Victims satisfied with the service they received,2025/26 Q1,70\nPutting victims first,Nonsense,2025/26 Q2,70",
         "line 3, column measure: the priority \"Putting victims first\" has no measure \"Nonsense\""),
        ("priority,measure,period,value\nPutting victims first,Victims satisfied with the service they received,2025/26 Q1,70\nPutting victims first,Victims satisfied with the service they received,2025/26 Q1,71",
         "line 3, column period: the same measure and period is on line 2 too"),
        ("priority,measure,period,value,target\n\"Putting victims first\",\"Victims satisfied\nwith the service\",2025/26 Q1,70,\n", "line 2, column measure"),
    ])
    func aBadImportNamesLineAndColumnAndStoresNothing(csv: String, expected: String) throws {
        let store = try TestStore(seeded: true)
        let before = try store.database.list(MeasurePoint.self)
        #expect {
            try store.database.importPerformance(plan: "policing-plan", csv: csv, actor: .test)
        } throws: { error in
            (error as? TownhallError)?.message.contains(expected) == true
        }
        #expect(try store.database.list(MeasurePoint.self) == before, "all or nothing")
    }

    @Test func chartsAreValidAccessibleSVGWithTheDatasValues() throws {
        let chart = MeasureChart(
            id: "measure-7", name: "Victims <satisfied>", unit: "%", direction: .higher, baseline: 72, baselinePeriod: "2024/25",
            results: [("2025/26 Q1", 73), ("2025/26 Q2", 71.5)], targets: [("2025/26 Q1", 75), ("2025/26 Q2", 75)])
        let svg = chart.svg
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [(String, [String: String])] = []
            var text: [String: String] = [:]
            var current = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                elements.append((name, attributes))
                current = name
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text[current, default: ""] += string }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "well-formed XML: \(String(describing: parser.parserError))")
        let root = try #require(collector.elements.first)
        #expect(root.0 == "svg" && root.1["role"] == "img" && root.1["aria-labelledby"] == "measure-7-title measure-7-desc")
        #expect(collector.text["title"]?.hasPrefix("Victims <satisfied>: results and targets") == true, "the accessible name, unescaped by the parser")
        #expect(collector.text["desc"]?.contains("Results: 2025/26 Q1 73 %; 2025/26 Q2 71.5 %.") == true)
        #expect(collector.text["desc"]?.contains("Higher is better. Baseline 72 % in 2024/25.") == true)
        let results = collector.elements.filter { $0.0 == "circle" }.map { ($0.1["data-period"] ?? "", $0.1["data-value"] ?? "") }
        #expect(results.map(\.0) == ["2025/26 Q1", "2025/26 Q2"] && results.map(\.1) == ["73", "71.5"])
        #expect(collector.elements.filter { $0.0 == "rect" }.count == 2, "targets drawn as squares")
        // The higher result is drawn higher.
        let heights = collector.elements.filter { $0.0 == "circle" }.compactMap { Double($0.1["cy"] ?? "") }
        #expect(heights.count == 2 && heights[0] < heights[1])
        #expect(MeasureChart.scale(min: 3, max: 3).low < 3)
    }

    @Test func thePlanPageShowsTrendTargetsAndOpenData() async throws {
        let office = try BackOffice()
        try await office.run { client in
            let page = try await Browser.anonymous(client, SiteURL.plan(slug: "policing-plan").path)
            #expect(page.status == .ok)
            #expect(page.body.contains("Putting victims first") && page.body.contains("Worse than the baseline"))
            #expect(page.body.contains("69% in 2025/26 Q4, against a target of 75%: not met"))
            #expect(page.body.contains("<svg") && page.body.contains("<th scope=\"row\">2025/26 Q3</th>"))
            #expect(page.body.contains("href=\"\(SiteURL.paper(try #require(try office.store.database.list(Paper.self).first { $0.kind == .strategicPlan && $0.status == .published }).id!).path)\""),
                    "links the plan as agreed")
            let body = try await Browser.anonymous(client, SiteURL.bodyPage(slug: "harford-policing-board").path)
            #expect(body.body.contains("href=\"/plans/policing-plan\""))
            let csv = try await Browser.anonymous(client, SiteURL.dataFile(.performance, .csv).path)
            let lines = csv.body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == PerformanceDataLine.columns.joined(separator: ","))
            #expect(lines.count - 1 == (try office.store.database.list(MeasurePoint.self).count))
            let json = try await Browser.anonymous(client, SiteURL.dataFile(.performance, .json).path)
            let rows = try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [[String: Any]]
            #expect(rows?.contains { $0["measure"] as? String == "Victims satisfied with the service they received" && $0["period"] as? String == "2025/26 Q4"
                && $0["value"] as? Double == 69 && $0["kind"] as? String == "result" } == true)
            #expect(try await Browser.anonymous(client, "/plans/no-such-plan").status == .notFound)
        }
    }

    @Test func aClerkRecordsAResultAndAMistakeKeepsWhatWasTyped() async throws {
        let office = try BackOffice()
        let measure = try #require(try office.store.database.list(PlanMeasure.self).first { $0.name.hasPrefix("Victims satisfied") })
        let path = SiteURL.adminPerformance(plan: "policing-plan").path
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let form = try await clerk.get(path)
            let csrf = try #require(form.csrf)
            let wrong = try await clerk.post(path, [("_csrf", csrf), ("measure", String(measure.id!)), ("pointKind", "result"), ("period", "Q1 next year"), ("value", "seventy")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("href=\"#period\"") && wrong.body.contains("href=\"#value\"")
                    && wrong.body.contains("value=\"Q1 next year\""))
            #expect(try await clerk.post(path, [("_csrf", csrf), ("measure", String(measure.id!)), ("pointKind", "result"), ("period", "2026/27 Q1"), ("value", "74.5")])
                .status == .seeOther)
            let page = try await Browser.anonymous(client, SiteURL.plan(slug: "policing-plan").path)
            #expect(page.body.contains("74.5% in 2026/27 Q1") && page.body.contains("Improving since the baseline"))
            var other = Browser(client)
            try await other.signIn("lpac.clerk@townhall.test", BackOffice.password)
            #expect(try await other.get(path).status == .forbidden, "another body's clerk")
        }
    }

    @Test func resultsImportedFromAPublishedReportNameIt() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let (meeting, item, _) = try FollowTests.newMeeting(office)
        let report = try db.addPaper(itemId: item.id!, title: "Performance report: first quarter", author: "Chief Executive", markdown: """
            # Performance

            ```csv
            priority,measure,period,value
            Putting victims first,Victims satisfied with the service they received,2026/27 Q1,74
            ```
            """, now: office.clock.now, actor: .test)
        #expect(throws: TownhallError.self) { try db.importPerformance(plan: "policing-plan", fromPaper: report.id!, actor: .test) }
        _ = try db.publishAgenda(meetingId: meeting.id!, at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
        _ = try db.publishPaper(id: report.id!, renderer: MarkdownRenderer(), at: office.clock.now, rule: office.store.rule, lateReason: "x", actor: .test)
        #expect(try db.importPerformance(plan: "policing-plan", fromPaper: report.id!, actor: .test) == PerformanceImportResult(results: 1, targets: 0))
        try await office.run { client in
            let page = try await Browser.anonymous(client, SiteURL.plan(slug: "policing-plan").path)
            #expect(page.body.contains("<a class=\"link\" href=\"/papers/\(report.id!)\">Performance report: first quarter</a>"))
        }
    }

    @Test func parentsReadTheTargetsAndProgressInSentences() async throws {
        let office = try BackOffice()
        try await office.run { client in
            let page = try await Browser.anonymous(client, SiteURL.parentInformation(slug: "harford-education-panel").path)
            #expect(page.status == .ok)
            #expect(page.body.contains("When the plan started (2023/24) it was 58%."))
            #expect(page.body.contains("The latest figure, for 2024/25, is 61%: better than when the plan started. That met the target of 60%."))
            #expect(page.body.contains("Targets for the years not yet reported: 64% in 2025/26, 67% in 2026/27, 70% in 2027/28."))
            #expect(page.body.contains("A lower number is better."))
            let panel = try await Browser.anonymous(client, SiteURL.bodyPage(slug: "harford-education-panel").path)
            #expect(panel.body.contains("href=\"/bodies/harford-education-panel/information-for-parents\""))
            #expect(try await Browser.anonymous(client, SiteURL.parentInformation(slug: "harford-policing-board").path).status == .notFound,
                    "only an education panel has one")
        }
    }

    /// A panel's clerk builds a plan without a shell: each form refuses a mistake beside its field and keeps what was
    /// typed; the plan, its priority, its measure and an imported table then show on the public page.
    @Test func aClerkBuildsAPlanInTheBrowser() async throws {
        let office = try BackOffice()
        let db = office.store.database
        try await office.run { client in
            var clerk = Browser(client)
            try await clerk.signIn("board.clerk@townhall.test", BackOffice.password)
            let plans = SiteURL.adminPerformancePlans(body: "harford-policing-board").path
            let list = try await clerk.get(plans)
            #expect(list.status == .ok && list.body.contains("href=\"/admin/plans/policing-plan\""))
            let csrf = try #require(list.csrf)
            let badSlug = try await clerk.post(plans, [("_csrf", csrf), ("title", "Road safety plan"), ("slug", "Road Safety!")])
            #expect(badSlug.status == .unprocessableContent && badSlug.body.contains("href=\"#slug\"") && badSlug.body.contains("value=\"Road safety plan\""))
            let taken = try await clerk.post(plans, [("_csrf", csrf), ("title", "Road safety plan"), ("slug", "policing-plan")])
            #expect(taken.status == .unprocessableContent && taken.body.contains("There is already a plan policing-plan"))
            #expect(try await clerk.post(plans, [("_csrf", csrf), ("title", "Road safety plan"), ("slug", "road-safety")]).status == .seeOther)

            let page = SiteURL.adminPerformance(plan: "road-safety").path
            let priorities = SiteURL.adminPlanPriority(plan: "road-safety").path
            #expect(try await clerk.post(priorities, [("_csrf", csrf), ("priorityTitle", " ")]).status == .unprocessableContent)
            #expect(try await clerk.post(priorities, [("_csrf", csrf), ("priorityTitle", "Safer roads")]).status == .seeOther)
            let priority = try #require(try db.list(PlanPriority.self).first { $0.title == "Safer roads" })

            let measures = SiteURL.adminPlanMeasure(plan: "road-safety").path
            var fields = [("_csrf", csrf), ("measurePriority", String(priority.id!)), ("measureName", "People killed or seriously injured"),
                          ("unit", "people"), ("measureDirection", "lower"), ("baseline", "about 80"), ("baselinePeriod", "2025")]
            let badBaseline = try await clerk.post(measures, fields)
            #expect(badBaseline.status == .unprocessableContent && badBaseline.body.contains("href=\"#baseline\"")
                    && badBaseline.body.contains("value=\"People killed or seriously injured\"") && badBaseline.body.contains("value=\"lower\" checked"))
            fields[5] = ("baseline", "82")
            #expect(try await clerk.post(measures, fields).status == .seeOther)
            #expect(try await clerk.post(measures, fields).body.contains("That priority already has the measure"))

            let importPath = SiteURL.adminPlanImport(plan: "road-safety").path
            let wrongRow = "priority,measure,period,value,target\nSafer roads,People killed or seriously injured,2026,74,70\nSafer roads,People hurt,2026,5,\n"
            let refused = try await clerk.post(importPath, [("_csrf", csrf), ("csv", wrongRow)])
            #expect(refused.status == .unprocessableContent && refused.body.contains("Line 3, column measure") && refused.body.contains("Safer roads,People hurt,2026,5,"))
            #expect(try db.list(MeasurePoint.self).filter { $0.period == "2026" }.isEmpty, "nothing half-imported")
            let table = "priority,measure,period,value,target\nSafer roads,People killed or seriously injured,2026,74,70\n"
            #expect(try await clerk.upload(importPath, [("_csrf", csrf)], file: (field: "csvFile", name: "roads.csv", data: Data(table.utf8))).status == .seeOther)
            #expect(try await clerk.get(page).body.contains("People killed or seriously injured (lower is better)"))

            let published = try await Browser.anonymous(client, SiteURL.plan(slug: "road-safety").path)
            #expect(published.status == .ok && published.body.contains("Safer roads") && published.body.contains("74 people in 2026"))

            var other = Browser(client)
            try await other.signIn("lpac.clerk@townhall.test", BackOffice.password)
            let otherCSRF = try #require(try await other.get(SiteURL.adminDashboard.path).csrf)
            #expect(try await other.post(priorities, [("_csrf", otherCSRF), ("priorityTitle", "Not theirs")]).status == .forbidden)
        }
        #expect(try db.list(PlanPriority.self).allSatisfy { $0.title != "Not theirs" })
    }
}
