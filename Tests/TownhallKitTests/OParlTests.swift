import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// The OParl API in process; the full schema validation is the e2e crawler (Tests/e2e/oparl_crawl.py).
@Suite("OParl 1.1 API")
struct OParlTests {
    func json(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let page = try await Browser.anonymous(client, uri)
        #expect(page.headers[.contentType] == "application/json; charset=utf-8", "\(uri)")
        return (page.status, (try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any]) ?? [:])
    }

    @Test func systemAndBodiesLeadToEveryList() async throws {
        try await withDemo { store, client in
            let (status, system) = try await json(client, "/oparl/v1.1/system")
            #expect(status == .ok)
            #expect(system["type"] as? String == "https://schema.oparl.org/1.1/System")
            #expect(system["oparlVersion"] as? String == "https://schema.oparl.org/1.1/")
            let (_, bodies) = try await json(client, "/oparl/v1.1/bodies")
            let data = try #require(bodies["data"] as? [[String: Any]])
            #expect(data.count == (try store.database.list(Body.self)).count)
            let board = try #require(data.first { $0["name"] as? String == "Harford and Marsh Vale Policing Board" })
            for list in OParlList.allCases {
                let key = ["organizations": "organization", "persons": "person", "meetings": "meeting", "papers": "paper",
                           "agendaitems": "agendaItem", "consultations": "consultation", "files": "file", "locations": "locationList",
                           "legislativeterms": "legislativeTermList", "memberships": "membership"][list.rawValue]!
                let url = try #require(board[key] as? String, "\(key)")
                #expect(url.hasSuffix("/\(list.rawValue)"))
            }
        }
    }

    @Test func draftAndExemptPapersAreNotInTheAPI() async throws {
        try await withDemo { store, client in
            let board = try store.database.list(Body.self).first { $0.slug == "harford-policing-board" }!.id!
            let (_, papers) = try await json(client, "/oparl/v1.1/bodies/\(board)/papers?limit=1000")
            let names = (papers["data"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("Force budget and precept 2027/28"))
            #expect(!names.contains { $0.contains("(exempt)") || $0.contains("Capital programme") })
            let draft = try store.database.list(Paper.self).first { $0.status == .draft }!
            let exempt = try store.database.list(Paper.self).first { $0.title.contains("(exempt)") }!
            for id in [draft.id!, exempt.id!] {
                #expect(try await json(client, "/oparl/v1.1/papers/\(id)").0 == .notFound)
                #expect(try await json(client, "/oparl/v1.1/consultations/\(id)").0 == .notFound)
                #expect(try await json(client, "/oparl/v1.1/files/paper-\(id)").0 == .notFound)
            }
            // The exempt item is listed as not public, with nothing but its title.
            let (_, items) = try await json(client, "/oparl/v1.1/bodies/\(board)/agendaitems?limit=1000")
            let exemptItem = try #require((items["data"] as? [[String: Any]])?.first { $0["public"] as? Bool == false })
            #expect(exemptItem["resolutionText"] == nil && exemptItem["consultation"] == nil && exemptItem["auxiliaryFile"] == nil)
        }
    }

    @Test func listsPageAndFilterByModification() async throws {
        try await withDemo { store, client in
            let board = try store.database.list(Body.self).first { $0.slug == "harford-policing-board" }!.id!
            let (_, first) = try await json(client, "/oparl/v1.1/bodies/\(board)/meetings?limit=1")
            let pagination = try #require(first["pagination"] as? [String: Any])
            #expect(pagination["elementsPerPage"] as? Int == 1 && pagination["currentPage"] as? Int == 1)
            let total = try #require(pagination["totalElements"] as? Int)
            #expect(total == (try store.database.list(Meeting.self)).filter { $0.bodyId == board }.count)
            let links = try #require(first["links"] as? [String: Any])
            #expect((links["next"] as? String)?.hasSuffix("/oparl/v1.1/bodies/\(board)/meetings?limit=1&page=2") == true)
            #expect(links["prev"] == nil)
            let (_, future) = try await json(client, "/oparl/v1.1/bodies/\(board)/meetings?modified_since=2999-01-01T00:00:00Z")
            #expect((future["pagination"] as? [String: Any])?["totalElements"] as? Int == 0)
            #expect(try await json(client, "/oparl/v1.1/bodies/\(board)/meetings?modified_since=last-week").0 == .badRequest)
            #expect(try await json(client, "/oparl/v1.1/bodies/\(board)/meetings?limit=0").0 == .badRequest)
            #expect(try await json(client, "/oparl/v1.1/bodies/999/meetings").0 == .notFound)
            #expect(try await json(client, "/oparl/v1.1/bodies/\(board)/nonsense").0 == .notFound)
            #expect(try await json(client, "/oparl/v1.1/meetings/abc").0 == .notFound)
        }
    }
}
