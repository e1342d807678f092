import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// An organisation's response record is one computation shown three ways: its page, a snippet for its own site
/// and JSON (issue 18).
@Suite("Response records")
struct ResponseRecordTests {
    typealias Fixture = RecommendationTests.Fixture

    @Test func medianOfAnEvenAndAnOddCount() {
        #expect(ResponseRecord.median([]) == nil)
        #expect(ResponseRecord.median([4]) == 4)
        #expect(ResponseRecord.median([9, 1, 3]) == 3)
        #expect(ResponseRecord.median([1, 2, 6, 10]) == 4)
    }

    @Test func onTimeLateAndOutstandingAreTheSameOnThePageInTheSnippetAndInJSON() async throws {
        let fixture = try Fixture()
        let issued = try fixture.issueTwo()
        let paperId = fixture.paper.id!, trust = fixture.trust.id!
        let due = try #require(issued[1].dueOn.flatMap(Day.init))
        let deadlines = fixture.deadlines
        // The first answered now, on time; the second three working days after its due day.
        _ = try fixture.db.submitResponse(
            paperId: paperId, organisationId: trust, answers: [issued[0].id!: ResponseAnswer(decision: .rejected, reasons: "No")],
            basedOnVersion: 0, now: fixture.office.clock.now, deadlines: deadlines, actor: .test)
        let answerDay = deadlines.workingDays.adding(workingDays: 3, to: due)
        fixture.office.clock.advance(Double(answerDay.ordinal - deadlines.time.calendarDay(of: fixture.office.clock.now).ordinal) * 86_400)
        _ = try fixture.db.submitResponse(
            paperId: paperId, organisationId: trust, answers: [issued[1].id!: ResponseAnswer(decision: .rejected, reasons: "No")],
            basedOnVersion: 1, now: fixture.office.clock.now, deadlines: deadlines, actor: .test)
        let all = try await fixture.db.trackedRecommendations(RecommendationScope(organisationId: trust), deadlines: deadlines, now: fixture.office.clock.now)
        let record = ResponseRecord(all, deadlines: deadlines)
        #expect(record.answeredLate >= 1 && record.received == all.count)
        try await fixture.office.run { client in
            let json = try await Browser.anonymous(client, "/organisations/harford-nhs/record.json")
            #expect(json.status == .ok && json.headers[.contentType] == "application/json")
            #expect(json.headers[.accessControlAllowOrigin] == "*")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["organisation", "slug", "kind", "url", "asOf", "received", "answeredOnTime", "answeredLate",
                                         "medianWorkingDaysLate", "outstanding", "overdue", "longOverdue", "actionsPastTarget"])
            #expect(object["received"] as? Int == record.received && object["answeredOnTime"] as? Int == record.answeredOnTime)
            #expect(object["answeredLate"] as? Int == record.answeredLate && object["outstanding"] as? Int == record.outstanding)
            #expect(object["medianWorkingDaysLate"] as? Double == record.medianWorkingDaysLate)
            #expect((object["url"] as? String)?.hasSuffix("/organisations/harford-nhs") == true)

            let snippet = try await Browser.anonymous(client, "/organisations/harford-nhs/record.html")
            #expect(snippet.status == .ok && snippet.headers[.contentType] == "text/html; charset=utf-8")
            #expect(!snippet.body.contains("<script") && !snippet.body.contains("<html"), "a fragment, with no script")
            #expect(snippet.body.contains("Answered late</dt><dd class=\"summary-list__value\">\(record.answeredLate)</dd>"))
            #expect(snippet.body.contains("href=\"http"), "its link back works on another site")

            let page = try await Browser.anonymous(client, "/organisations/harford-nhs")
            #expect(page.body.contains("Answered late</dt><dd class=\"summary-list__value\">\(record.answeredLate)</dd>"))
            #expect(page.body.contains("&lt;section class=&quot;response-record&quot;"), "the snippet is shown as code to copy, escaped")
            #expect(try await Browser.anonymous(client, "/organisations/nobody/record.json").status == .notFound)
        }
    }
}

/// A council that sits on a board and also receives recommendations is one record (issue 18).
@Suite("One record per organisation")
struct OrganisationRecordTests {
    @Test func aCouncilIsOneRecordAndOtherKindsSayWhatTheyAre() async throws {
        let store = try TestStore(seeded: true)
        let db = store.database
        // The demo's council organisation is the record of Harford City Council, which sits on the Policing Board.
        let council = try #require(try db.list(Organisation.self).first { $0.slug == "harford-council" })
        #expect(council.authorityId == (try db.list(Authority.self).first { $0.slug == "harford-city" })?.id)
        #expect(throws: TownhallError.self) {
            try db.addOrganisation(slug: "harford-city-again", name: "Harford City Council", kind: .council, authority: "harford-city", actor: .test)
        }
        #expect(throws: TownhallError.self) {
            try db.addOrganisation(slug: "harford-trust-2", name: "A trust", kind: .nhsTrust, authority: "marsh-vale", actor: .test)
        }
        #expect(throws: TownhallError.self) { try db.addOrganisation(slug: "probation", name: "Probation", kind: .other, actor: .test) }
        #expect(throws: TownhallError.self) {
            try db.addOrganisation(slug: "icb", name: "ICB", kind: .integratedCareBoard, otherKind: "ICB", actor: .test)
        }
        let probation = try db.addOrganisation(
            slug: "marsh-probation", name: "Marsh Vale Probation Delivery Unit", kind: .other, otherKind: "probation service", actor: .test)
        #expect(probation.kindLabel == "Probation service")
        let marsh = try db.addOrganisation(slug: "marsh-vale-council", name: "Marsh Vale Council", kind: .council, actor: .test)
        try db.linkOrganisation(slug: marsh.slug, authority: "marsh-vale", actor: .test)
        #expect(throws: TownhallError.self) { try db.linkOrganisation(slug: "marsh-probation", authority: "marsh-vale", actor: .test) }
        let app = try await buildApplication(config: store.config, database: db, now: { store.now })
        try await app.test(.router) { client in
            let page = try await Browser.anonymous(client, "/organisations/harford-council")
            #expect(page.body.contains("This is the record of Harford City Council as an organisation that receives recommendations."))
            #expect(page.body.contains("The council also sits on: <a href=\"/bodies/"))
            #expect(try await Browser.anonymous(client, "/organisations/marsh-probation").body.contains("Probation service"))
        }
    }
}
