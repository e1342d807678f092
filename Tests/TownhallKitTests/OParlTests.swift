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

/// The OParl API in process; the full schema validation is the e2e crawler (Tests/e2e/oparl_crawl.py) and the
/// incremental mirror (Tests/e2e/oparl_mirror.py).
@Suite("OParl 1.1 API")
struct OParlTests {
    static let api = "/oparl/v1.1"

    func json(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let page = try await Browser.anonymous(client, uri)
        #expect(page.headers[.contentType] == "application/json; charset=utf-8", "\(uri)")
        return (page.status, (try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any]) ?? [:])
    }

    func data(_ client: any TestClientProtocol, _ uri: String) async throws -> [[String: Any]] {
        try #require(try await json(client, uri).1["data"] as? [[String: Any]], "\(uri)")
    }

    @Test func oneBodyHoldsEveryListAndEveryTownhallBodyIsAnOrganization() async throws {
        try await withDemo { store, client in
            let (status, system) = try await json(client, "\(Self.api)/system")
            #expect(status == .ok)
            #expect(system["type"] as? String == "https://schema.oparl.org/1.1/System")
            #expect(system["oparlVersion"] as? String == "https://schema.oparl.org/1.1/")
            let bodies = try await data(client, "\(Self.api)/bodies")
            #expect(bodies.count == 1)
            let body = try #require(bodies.first)
            #expect(body["name"] as? String == "Townhall Test" && body["shortName"] as? String == "TT")
            for list in OParlKind.lists {
                let key = ["organizations": "organization", "persons": "person", "meetings": "meeting", "papers": "paper",
                           "agendaitems": "agendaItem", "consultations": "consultation", "files": "file", "locations": "locationList",
                           "legislativeterms": "legislativeTermList", "memberships": "membership"][list.rawValue]!
                let url = try #require(body[key] as? String, "\(key)")
                #expect(url.hasSuffix("\(Self.api)/bodies/1/\(list.rawValue)"))
            }
            let organizations = try await data(client, "\(Self.api)/bodies/1/organizations")
            let townhallBodies = try store.database.list(Body.self)
            #expect(Set(organizations.compactMap { $0["name"] as? String }) == Set(townhallBodies.map(\.name)))
            let board = try #require(organizations.first { $0["name"] as? String == "Harford and Marsh Vale Policing Board" })
            #expect(board["shortName"] as? String == "HMVPB" && board["body"] as? String == body["id"] as? String)
        }
    }

    /// Issue 15: a meeting's embedded agenda items are built from three queries for the whole meeting
    /// (`agendaExtras`); each must be exactly the item as its own URL gives it (papers, files, created, modified).
    @Test func aMeetingsEmbeddedItemsAreTheItemsThemselves() async throws {
        try await withDemo { _, client in
            var compared = 0, withConsultation = 0, withFiles = 0
            var next: String? = "\(Self.api)/bodies/1/meetings?limit=100"
            while let uri = next {
                let (status, page) = try await json(client, uri)
                #expect(status == .ok)
                for meeting in page["data"] as? [[String: Any]] ?? [] {
                    for embedded in meeting["agendaItem"] as? [[String: Any]] ?? [] {
                        let id = try #require(embedded["id"] as? String)
                        let (itemStatus, item) = try await json(client, String(id.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }))
                        #expect(itemStatus == .ok)
                        let canonical = { (object: [String: Any]) in
                            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
                        }
                        #expect(try canonical(embedded) == canonical(item), "\(id)")
                        #expect(embedded["created"] != nil && embedded["modified"] != nil)
                        compared += 1
                        if embedded["consultation"] != nil { withConsultation += 1 }
                        if !(embedded["auxiliaryFile"] as? [Any] ?? []).isEmpty { withFiles += 1 }
                    }
                }
                next = (page["links"] as? [String: Any])?["next"] as? String
                next = next.map { String($0.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) }
            }
            #expect(compared > 20 && withConsultation > 0 && withFiles > 0, "\(compared) items, \(withConsultation) with papers, \(withFiles) with files")
        }
    }

    /// A person on two bodies: both memberships, and both organisations, are in the one Body's lists.
    @Test func everyLinkOfAPersonStaysInsideTheBody() async throws {
        try await withDemo { store, client in
            let lpac = try #require(try store.database.list(Body.self).first { $0.kind == .lpac })
            let someone = try #require(try store.database.list(Membership.self).first { $0.bodyId != lpac.id })
            let person = try #require(try store.database.list(Person.self).first { $0.id == someone.personId })
            _ = try store.database.addMember(person: person.slug, body: lpac.slug, role: .member, category: .layMember, authority: nil, startDate: "2026-06-01",
                                             endDate: nil, actor: .test)
            let (_, found) = try await json(client, "\(Self.api)/persons/\(person.id!)")
            let memberships = try #require(found["membership"] as? [[String: Any]])
            #expect(memberships.count >= 2)
            let listed = Set(try await data(client, "\(Self.api)/bodies/1/memberships?limit=1000").compactMap { $0["id"] as? String })
            let organizations = Set(try await data(client, "\(Self.api)/bodies/1/organizations?limit=1000").compactMap { $0["id"] as? String })
            for membership in memberships {
                #expect(listed.contains(membership["id"] as? String ?? ""))
                #expect(organizations.contains(membership["organization"] as? String ?? ""))
            }
            let persons = Set(try await data(client, "\(Self.api)/bodies/1/persons?limit=1000").compactMap { $0["id"] as? String })
            #expect(persons.contains(found["id"] as? String ?? ""))
        }
    }

    @Test func draftAndExemptPapersAreNotInTheAPI() async throws {
        try await withDemo { store, client in
            let papers = try await data(client, "\(Self.api)/bodies/1/papers?limit=1000")
            let names = papers.compactMap { $0["name"] as? String }
            #expect(names.contains("Force budget and precept 2027/28"))
            #expect(!names.contains { $0.contains("(exempt)") || $0.contains("Capital programme") })
            let draft = try store.database.list(Paper.self).first { $0.status == .draft }!
            let exempt = try store.database.list(Paper.self).first { $0.title.contains("(exempt)") }!
            for id in [draft.id!, exempt.id!] {
                #expect(try await json(client, "\(Self.api)/papers/\(id)").0 == .notFound)
                #expect(try await json(client, "\(Self.api)/consultations/\(id)").0 == .notFound)
                #expect(try await json(client, "\(Self.api)/files/paper-\(id)").0 == .notFound)
            }
            // The exempt item is listed as not public, with nothing but its title.
            let items = try await data(client, "\(Self.api)/bodies/1/agendaitems?limit=1000")
            let exemptItem = try #require(items.first { $0["public"] as? Bool == false })
            #expect(exemptItem["resolutionText"] == nil && exemptItem["consultation"] == nil && exemptItem["auxiliaryFile"] == nil)
        }
    }

    /// A paper's main file is in the files list and its size is the size of what its URL serves.
    @Test func aPapersMainFileIsListedAndItsSizeIsWhatIsServed() async throws {
        try await withDemo { _, client in
            let files = try await data(client, "\(Self.api)/bodies/1/files?limit=1000")
            let papers = try await data(client, "\(Self.api)/bodies/1/papers?limit=5")
            #expect(!papers.isEmpty)
            for paper in papers {
                let main = try #require(paper["mainFile"] as? [String: Any])
                #expect(files.contains { $0["id"] as? String == main["id"] as? String })
                let access = try #require(main["accessUrl"] as? String)
                let served = try await Browser.anonymous(client, String(access.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }))
                #expect(served.status == .ok && served.headers[.contentType] == "text/html; charset=utf-8")
                #expect(main["size"] as? Int == served.body.utf8.count, "\(access)")
            }
        }
    }

    @Test func theRootsLeadToTheSystem() async throws {
        try await withDemo { _, client in
            for path in ["/oparl", "/oparl/v1.1", "/oparl/v1.1/"] {
                let page = try await Browser.anonymous(client, path)
                #expect(page.status == .found && page.headers[.location] == "\(Self.api)/system", "\(path)")
            }
        }
    }

    @Test func listsPageAndFilterByModification() async throws {
        try await withDemo { store, client in
            let (_, first) = try await json(client, "\(Self.api)/bodies/1/meetings?limit=1")
            let pagination = try #require(first["pagination"] as? [String: Any])
            #expect(pagination["elementsPerPage"] as? Int == 1 && pagination["currentPage"] as? Int == 1)
            let total = try #require(pagination["totalElements"] as? Int)
            #expect(total == (try store.database.list(Meeting.self)).count)
            let links = try #require(first["links"] as? [String: Any])
            #expect((links["next"] as? String)?.hasSuffix("\(Self.api)/bodies/1/meetings?limit=1&page=2") == true)
            #expect(links["prev"] == nil)
            let (_, future) = try await json(client, "\(Self.api)/bodies/1/meetings?modified_since=2999-01-01T00:00:00Z")
            #expect((future["pagination"] as? [String: Any])?["totalElements"] as? Int == 0)
            #expect(try await json(client, "\(Self.api)/bodies/1/meetings?modified_since=last-week").0 == .badRequest)
            #expect(try await json(client, "\(Self.api)/bodies/1/meetings?limit=0").0 == .badRequest)
            #expect(try await json(client, "\(Self.api)/bodies/2/meetings").0 == .notFound)
            #expect(try await json(client, "\(Self.api)/bodies/2").0 == .notFound)
            #expect(try await json(client, "\(Self.api)/bodies/1/nonsense").0 == .notFound)
            #expect(try await json(client, "\(Self.api)/meetings/abc").0 == .notFound)
            #expect(try await json(client, "\(Self.api)/meetings/01").0 == .notFound)
        }
    }

    /// Withdrawing a paper leaves a tombstone at its URL, listed only to a client asking for changes, and the item
    /// and meeting that showed it change their `modified`; renaming an item changes its meeting's.
    @Test func deletionsAreAnnouncedAndParentsChange() async throws {
        let clock = TestClock(Date())
        let store = try TestStore(seeded: true, now: clock.now, clock: { clock.now })
        let app = try await buildApplication(config: store.config, database: store.database, now: { clock.now })
        try await app.test(.router) { client in
            let papers = try await data(client, "\(Self.api)/bodies/1/papers?limit=1000")
            let paper = try #require(papers.first { ($0["consultation"] as? [[String: Any]])?.isEmpty == false })
            let id = try #require((paper["id"] as? String)?.split(separator: "/").last.map(String.init))
            let consultation = try #require((paper["consultation"] as? [[String: Any]])?.first)
            let item = try #require((consultation["agendaItem"] as? String)?.split(separator: "/").last.map(String.init))
            let meeting = try #require((consultation["meeting"] as? String)?.split(separator: "/").last.map(String.init))
            let (_, before) = try await json(client, "\(Self.api)/meetings/\(meeting)")
            clock.advance(60)
            let since = OParlObjects.utc(clock.now)
            clock.advance(1)
            _ = try store.database.withdrawPaper(id: Int64(id)!, reason: "Replaced", at: clock.now, actor: .test)

            let (status, tombstone) = try await json(client, "\(Self.api)/papers/\(id)")
            #expect(status == .ok && tombstone["deleted"] as? Bool == true)
            #expect(Set(tombstone.keys) == ["id", "type", "created", "modified", "deleted"])
            #expect((tombstone["modified"] as? String ?? "") > since)
            #expect(try await json(client, "\(Self.api)/files/paper-\(id)").1["deleted"] as? Bool == true)
            #expect(!(try await data(client, "\(Self.api)/bodies/1/papers?limit=1000")).contains { $0["id"] as? String == paper["id"] as? String })
            let changed = try await data(client, "\(Self.api)/bodies/1/papers?modified_since=\(since)")
            #expect(changed.contains { $0["id"] as? String == paper["id"] as? String && $0["deleted"] as? Bool == true })
            let (_, after) = try await json(client, "\(Self.api)/meetings/\(meeting)")
            #expect((after["modified"] as? String ?? "") > (before["modified"] as? String ?? "~"))
            let items = try await data(client, "\(Self.api)/bodies/1/agendaitems?modified_since=\(since)&limit=1000")
            #expect(items.contains { ($0["id"] as? String)?.hasSuffix("/agendaitems/\(item)") == true })

            // Renaming an item: the item and the meeting that embeds it change, an unrelated meeting does not.
            clock.advance(60)
            let renamedAt = OParlObjects.utc(clock.now)
            clock.advance(1)
            let itemRecord = try #require(try store.database.list(AgendaItem.self).first { $0.id == Int64(item) })
            _ = try store.database.updateAgendaItem(id: itemRecord.id!, title: itemRecord.title + " (renamed)", type: itemRecord.itemType,
                                                   exemption: nil, decision: itemRecord.decision, actor: .test)
            let meetings = try await data(client, "\(Self.api)/bodies/1/meetings?modified_since=\(renamedAt)&limit=1000")
            #expect(meetings.compactMap { $0["id"] as? String }.map { $0.split(separator: "/").last.map(String.init) } == [meeting])
        }
    }

    @Test func openDataIsCompressedForClientsThatAskAndRevalidates() async throws {
        try await withDemo { _, client in
            let uri = "\(Self.api)/bodies/1/papers?limit=100"
            let plain = try await client.execute(uri: uri, method: .get, headers: [:])
            let zipped = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "br;q=1, gzip;q=0.8"])
            #expect(plain.headers[.contentEncoding] == nil && zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.headers[.vary] == "Accept-Encoding" && plain.headers[.vary] == "Accept-Encoding")
            #expect(zipped.body.readableBytes < plain.body.readableBytes / 3)
            let tag = try #require(zipped.headers[.eTag])
            #expect(tag.hasSuffix("-gzip\"") && tag != plain.headers[.eTag])
            let again = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: tag])
            #expect(again.status == .notModified && again.headers[.eTag] == tag)
            let refused = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }
}
