import Foundation
import Testing
@testable import TownhallWeb

/// Templates hold no paths of their own (static files under `Public/` aside): every link and form action comes from the route table through a view
/// model or `SiteLinks`, so a route renamed in `Route` cannot leave a template pointing at the old path.
@Suite("Templates get their links from the route table")
struct TemplateLinkTests {
    @Test func noTemplateWritesAPathOrBuildsOneFromAnother() throws {
        let folder = packageRoot.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 20)
        let literal = try Regex(#"(href|action)="/(?!css/|images/)"#)
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

    /// Paths are made from patterns split once, and a value of unreserved characters is not re-encoded (issue 15):
    /// every route and value gives what splitting the pattern and percent-encoding every value gave.
    @Test func pathsAreWhatSplittingAndEncodingEveryTimeGave() {
        let values = ["1", "harford-policing-board", "a b/ü.csv", "..", "%2e", "x?y#z", "Zoë’s café", "A.b_c~d-9", "", "🚓"]
        for route in Route.allCases {
            for value in values {
                let filled = Array(repeating: value, count: route.parameters.count)
                var remaining = filled[...]
                let expected = route.pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
                    guard segment.hasPrefix(":") else { return String(segment) }
                    return remaining.popFirst()!.addingPercentEncoding(withAllowedCharacters: Route.segmentCharacters) ?? ""
                }.joined(separator: "/")
                #expect(route.path(filled) == expected, "\(route) \(value)")
                #expect(route.parameters == route.pattern.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) })
            }
        }
    }
}
