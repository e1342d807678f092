import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 20: each challenged council's own page of its peer challenges, and the same as a plain HTML snippet and
/// JSON for the council to publish on its website.
@Suite("A council's peer challenges")
struct CouncilChallengesTests {
    @Test func theCouncilsPageSnippetAndJSONTellTheSameStory() async throws {
        let office = try BackOffice()
        let db = office.store.database
        let challenges = try db.list(PeerChallenge.self)
        let council = try #require(try db.list(Authority.self).first { authority in challenges.contains { $0.authorityId == authority.id } })
        let theirs = challenges.filter { $0.authorityId == council.id }
        try await office.run { client in
            let register = try await Browser.anonymous(client, SiteURL.peerChallenges.path)
            #expect(register.body.contains("href=\"\(SiteURL.councilChallenges(slug: council.slug).path)\""))
            let page = try await Browser.anonymous(client, SiteURL.councilChallenges(slug: council.slug).path)
            #expect(page.status == .ok && page.body.contains("Peer challenges of \(council.name)"))
            for challenge in theirs { #expect(page.body.contains(challenge.scope), "\(challenge.slug)") }

            let snippet = try await Browser.anonymous(client, SiteURL.councilChallengesSnippet(slug: council.slug).path)
            #expect(snippet.status == .ok && snippet.body.hasPrefix("<section") && !snippet.body.lowercased().contains("<script"))
            #expect(!snippet.body.contains("href=\"/"), "every link absolute, so it works on the council's site")
            #expect(snippet.headers[.accessControlAllowOrigin] == "*")

            let json = try await Browser.anonymous(client, SiteURL.councilChallengesRecord(slug: council.slug).path)
            let record = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
            let listed = try #require(record["challenges"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["slug"] as? String }) == Set(theirs.map(\.slug)))
            let recommendations = listed.flatMap { ($0["recommendations"] as? [[String: Any]]) ?? [] }
            for recommendation in recommendations {
                #expect((recommendation["url"] as? String)?.hasPrefix("http") == true)
                #expect(snippet.body.contains(recommendation["url"] as? String ?? "-"), "the snippet lists the same recommendations")
            }
            #expect(listed.contains { $0["kind"] as? String == "safeguarding" } == theirs.contains { $0.kind == .safeguarding })
            #expect(try await Browser.anonymous(client, SiteURL.councilChallenges(slug: "nowhere").path).status == .notFound)
        }
    }
}
