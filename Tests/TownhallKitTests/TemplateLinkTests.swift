import Foundation
import Testing
@testable import TownhallWeb

/// Templates hold no paths of their own: every link and form action comes from the route table through a view
/// model or `SiteLinks`, so a route renamed in `Route` cannot leave a template pointing at the old path.
@Suite("Templates get their links from the route table")
struct TemplateLinkTests {
    @Test func noTemplateWritesAPathOrBuildsOneFromAnother() throws {
        let folder = packageRoot.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 20)
        let literal = try Regex(#"(href|action)="/(?!css/)"#)
        let built = try Regex(#"(href|action)="\{\{[A-Za-z.]+\}\}[/?]"#)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.firstMatch(of: literal) == nil, "\(name) writes a path itself")
            #expect(text.firstMatch(of: built) == nil, "\(name) builds a path from another")
        }
    }

    @Test func everyRouteHasOneUniquePatternAndEveryLinkFillsItsParameters() {
        #expect(Set(Route.allCases.map(\.pattern)).count == Route.allCases.count)
        #expect(SiteURL.adminWitnessDelete(meeting: 3, witness: 9).path == "/admin/meetings/3/witnesses/9/delete")
        #expect(SiteURL.attachment(4, name: "a b/ü.csv").path == "/attachments/4/a%20b%2F%C3%BC.csv")
        #expect(SiteURL.home.path == "/")
        #expect(Route(pattern: "/papers/:id") == .paper)
        for set in DataSet.allCases {
            for format in DataFormat.allCases {
                let name = DataSet.fileName(set, format)
                #expect(DataSet.parse(fileName: name).map { $0 == (set, format) } == true, "\(name)")
                #expect(SiteURL.dataFile(set, format).path == "/data/\(name)")
            }
        }
        #expect(DataSet.parse(fileName: "meetings.xml") == nil && DataSet.parse(fileName: "meetings") == nil)
    }
}
