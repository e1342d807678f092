import Foundation
import GRDB
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Seat rules, reserved decisions, inquiries and peer challenges on a real SQLite file.
@Suite("Body kinds in the store")
struct BodyKindStoreTests {
    let store: TestStore
    var db: AppDatabase { store.database }
    let time = LocalTime()

    init() throws {
        store = try TestStore()
        for (slug, name) in [("north", "North Council"), ("south", "South Council"), ("east", "East Council"), ("west", "West Council")] {
            _ = try store.database.addAuthority(slug: slug, name: name, kind: .unitary, actor: .test)
        }
        for slug in ["ann", "bob", "cat", "dan", "eve"] {
            _ = try store.database.addPerson(slug: slug, name: slug.capitalized, actor: .test)
        }
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch let error as TownhallError { return error.message } catch { return "\(error)" }
    }

    func seat(_ person: String, _ body: String, _ category: SeatCategory?, _ council: String?, from: String = "2026-05-01",
              to: String? = nil) throws -> Membership {
        try db.addMember(person: person, body: body, role: .member, category: category, authority: council, startDate: from, endDate: to,
                         actor: .test)
    }

    @Test func aPolicingBoardIsBuiltFromTheCouncilsOfItsArea() throws {
        #expect(message { _ = try db.addBody(slug: "b", name: "B", kind: .policingBoard, councils: ["north"], actor: .test) }
            .contains("at least two councils"))
        #expect(message { _ = try db.addBody(slug: "b", name: "B", kind: .policingBoard, councils: ["north", "nowhere"], actor: .test) }
            .contains("no council with slug \"nowhere\""))
        #expect(try db.list(Body.self).isEmpty, "nothing half-written when a council is unknown")
        #expect(message { _ = try db.addBody(slug: "l", name: "L", kind: .lpac, councils: ["north", "south"], actor: .test) }
            .contains("only a Policing Board"))
        let board = try db.addBody(slug: "b", name: "B", kind: .policingBoard, councils: ["north", "south", "north"], actor: .test)
        let (_, seats) = try db.seats(bodySlug: board.slug, today: "2026-06-01")
        #expect(seats.map(\.label) == [
            "Council leader, North Council", "Lead member, North Council", "Council leader, South Council", "Lead member, South Council",
        ], "two councils: a leader and a lead member each; a repeated council counts once")
        #expect(seats.filter(\.isEmpty).count == 4)
    }

    @Test func seatsOnAThreeCouncilBoardAreTheLeadersOnly() throws {
        _ = try db.addBody(slug: "b", name: "B", kind: .policingBoard, councils: ["north", "south", "east"], actor: .test)
        #expect(message { _ = try seat("ann", "b", .leadMember, "north") }.contains("only where the force area has two councils; this board has 3"))
        #expect(message { _ = try seat("ann", "b", nil, "north") }.contains("say what the member represents"))
        #expect(message { _ = try seat("ann", "b", .parent, "north") }.contains("is not a seat on a Policing Board"))
        #expect(message { _ = try seat("ann", "b", .leader, nil) }.contains("must name the council"))
        #expect(message { _ = try seat("ann", "b", .leader, "west") }.contains("West Council is not one of the councils"))
        let ann = try seat("ann", "b", .leader, "north")
        #expect(message { _ = try seat("bob", "b", .leader, "north", from: "2026-07-01") }.contains("already filled"))
        // A new leader after the old one's last day.
        _ = try db.endMembership(id: ann.id!, on: "2026-06-30", actor: .test)
        _ = try seat("bob", "b", .leader, "north", from: "2026-07-01")
        #expect(message { _ = try seat("cat", "b", .leader, "north", from: "2026-06-01", to: "2026-06-15") }.contains("already filled"),
                "overlaps Ann's term")
        let (_, seats) = try db.seats(bodySlug: "b", today: "2026-07-01")
        #expect(seats.map(\.holders) == [["Bob"], [], []])
        #expect(try db.seats(bodySlug: "b", today: "2026-06-30").1.map(\.holders) == [["Ann"], [], []])
        #expect(message { _ = try db.endMembership(id: ann.id!, on: "2026-04-01", actor: .test) }.contains("before it started"))
    }

    @Test func otherKindsSeatTheirOwnCategories() throws {
        _ = try db.addBody(slug: "panel", name: "P", kind: .educationPanel, actor: .test)
        _ = try db.addBody(slug: "lpac", name: "L", kind: .lpac, actor: .test)
        _ = try db.addBody(slug: "jc", name: "J", kind: .jointCommittee, actor: .test)
        #expect(message { _ = try seat("ann", "panel", .leader, "north") }.contains("is not a seat on a Local education panel"))
        _ = try seat("ann", "panel", .parent, nil)
        #expect(try db.seats(bodySlug: "panel", today: "2026-06-01").1.filter(\.isEmpty).count == 4)
        #expect(message { _ = try seat("bob", "lpac", .backbenchCouncillor, nil) }.contains("must name the council"))
        _ = try seat("bob", "lpac", .backbenchCouncillor, "north")
        _ = try seat("cat", "lpac", .serviceUser, nil)
        #expect(try db.seats(bodySlug: "lpac", today: "2026-06-01").1.filter(\.isEmpty).map(\.category) == [.layMember])
        _ = try seat("dan", "jc", nil, nil)
        #expect(try db.seats(bodySlug: "jc", today: "2026-06-01").1.isEmpty, "no seat plan for a joint committee")
    }

    func paperOf(_ body: String, kind: PaperKind = .report, published: Date? = nil) throws -> Paper {
        let meeting = try db.addMeeting(
            body: body, title: "Meeting", startsAt: try time.parseDateTime("2026-03-10 10:00"), endsAt: nil, locationName: nil,
            address: nil, actor: .test)
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Item", type: .report, rule: testRule, actor: .test)
        let paper = try db.addPaper(
            itemId: item.id!, title: "Paper", author: "", markdown: "Text", kind: kind,
            reportYear: kind == .annualReport ? AcademicYear(endYear: 2025) : nil, now: Date(), actor: .test)
        guard let published else { return paper }
        _ = try db.publishAgenda(meetingId: meeting.id!, at: try time.parseDateTime("2026-03-01 10:00"), rule: store.rule, actor: .test)
        return try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: published, rule: store.rule, lateReason: "late", actor: .test).0
    }

    @Test func paperKindsBelongToTheirBodies() throws {
        _ = try db.addBody(slug: "panel", name: "P", kind: .educationPanel, actor: .test)
        _ = try db.addBody(slug: "lpac", name: "L", kind: .lpac, actor: .test)
        #expect(try paperOf("panel", kind: .annualReport).kind == .annualReport)
        #expect(message { _ = try paperOf("lpac", kind: .annualReport) }.contains("does not publish a paper of kind annual-report"))
        let evidence = try paperOf("lpac", kind: .writtenEvidence)
        #expect(message { _ = try db.updateDraft(paperId: evidence.id!, title: "T", author: "", markdown: "x", kind: .strategicPlan, actor: .test) }
            .contains("does not publish"))
        #expect(try db.list(Paper.self).first { $0.id == evidence.id }?.kind == .writtenEvidence, "the refused edit changed nothing")
    }

    @Test func reservedDecisionsAreCheckedAndTheServingChiefConstableFollows() throws {
        _ = try db.addBody(slug: "b", name: "B", kind: .policingBoard, councils: ["north", "south"], actor: .test)
        _ = try db.addBody(slug: "lpac", name: "L", kind: .lpac, actor: .test)
        let held = try db.addMeeting(
            body: "b", title: "Budget meeting", startsAt: try time.parseDateTime("2026-02-10 10:00"), endsAt: nil, locationName: nil,
            address: nil, actor: .test)
        _ = try db.setMeetingStatus(meetingId: held.id!, status: .held, actor: .test)
        let budget = BoardDecisionInput(
            function: .budgetAndPrecept, decidedOn: "2026-02-10", summary: "Budget set", budget: try Money(parsing: "214,600,000"),
            precept: try Money(parsing: "268.47"), meetingId: held.id)
        #expect(message { _ = try db.recordBoardDecision(body: "lpac", budget, actor: .test) }.contains("is not a Policing Board"))
        var noPrecept = budget
        noPrecept.precept = nil
        #expect(message { _ = try db.recordBoardDecision(body: "b", noPrecept, actor: .test) }.contains("Band D precept"))
        #expect(message {
            _ = try db.recordBoardDecision(body: "b", .init(function: .policingPlan, decidedOn: "2026-02-10", summary: "Plan", meetingId: held.id), actor: .test)
        }.contains("at least one strategic priority"))
        // A reserved decision names the held meeting that took it, or the authority it was taken under outside one.
        var noBasis = budget
        noBasis.meetingId = nil
        #expect(message { _ = try db.recordBoardDecision(body: "b", noBasis, actor: .test) }.contains("name the meeting that took the decision"))
        let coming = try db.addMeeting(
            body: "b", title: "Next", startsAt: Date().addingTimeInterval(86_400 * 30), endsAt: nil, locationName: nil, address: nil, actor: .test)
        var notHeld = budget
        notHeld.meetingId = coming.id
        #expect(message { _ = try db.recordBoardDecision(body: "b", notHeld, actor: .test) }.contains("has not been held"))
        var urgentWithoutAuthority = budget
        urgentWithoutAuthority.meetingId = nil
        urgentWithoutAuthority.basis = .urgent
        urgentWithoutAuthority.authority = "  "
        #expect(message { _ = try db.recordBoardDecision(body: "b", urgentWithoutAuthority, actor: .test) }.contains("needs the authority"))
        var urgent = urgentWithoutAuthority
        urgent.decidedOn = "2026-01-15"
        urgent.authority = "Standing order 14 (urgency), with the agreement of the chair of the Police and Crime Panel"
        let urgentDecision = try db.recordBoardDecision(body: "b", urgent, actor: .test)
        #expect(urgentDecision.basis == .urgent && urgentDecision.authority?.hasPrefix("Standing order 14") == true)
        #expect(try db.boardDecisions(body: "b").count == 1, "the refused decisions saved nothing")

        let lpacPaper = try paperOf("lpac")
        var wrongPaper = budget
        wrongPaper.paperId = lpacPaper.id
        #expect(message { _ = try db.recordBoardDecision(body: "b", wrongPaper, actor: .test) }.contains("is not a paper of B"))
        let saved = try db.recordBoardDecision(body: "b", budget, actor: .test)
        #expect(saved.budgetPence == 21_460_000_000 && saved.preceptPence == 26_847)
        _ = try db.recordBoardDecision(
            body: "b", .init(function: .appointChiefConstable, decidedOn: "2025-01-01", summary: "Appointed", chiefConstable: "A Chief", meetingId: held.id), actor: .test)
        var overview = BoardOverview(councils: [], decisions: try db.boardDecisions(body: "b"))
        #expect(overview.chiefConstable?.chiefConstable == "A Chief")
        #expect(overview.latest(.budgetAndPrecept)?.id == saved.id)
        _ = try db.recordBoardDecision(
            body: "b", .init(function: .dismissChiefConstable, decidedOn: "2026-03-01", summary: "Dismissed", chiefConstable: "A Chief", meetingId: held.id), actor: .test)
        overview = BoardOverview(councils: [], decisions: try db.boardDecisions(body: "b"))
        #expect(overview.chiefConstable == nil, "dismissed, so nobody is serving")
    }

    @Test func inquiriesGroupSessionsWitnessesAndTheFinalReport() async throws {
        _ = try db.addBody(slug: "lpac", name: "L", kind: .lpac, actor: .test)
        _ = try db.addBody(slug: "panel", name: "P", kind: .educationPanel, actor: .test)
        #expect(message { _ = try db.addInquiry(body: "panel", slug: "i", title: "I", scope: "", openedOn: "2026-01-01", actor: .test) }
            .contains("only an LPAC holds inquiries"))
        _ = try db.addInquiry(body: "lpac", slug: "i", title: "Discharge", scope: "Why", openedOn: "2026-01-01", actor: .test)
        let evidence = try paperOf("lpac", kind: .writtenEvidence, published: try time.parseDateTime("2026-03-02 09:00"))
        let draftEvidence = try db.addPaper(
            itemId: evidence.agendaItemId, title: "Draft evidence", author: "", markdown: "x", kind: .writtenEvidence, now: Date(), actor: .test)
        let meetingId = try db.list(AgendaItem.self).first { $0.id == evidence.agendaItemId }!.meetingId
        let panelPaper = try paperOf("panel")
        #expect(message { _ = try db.setInquiryReport(inquiry: "i", paperId: panelPaper.id!, actor: .test) }.contains("is not a paper of the committee"))
        let panelMeeting = try db.list(AgendaItem.self).first { $0.id == panelPaper.agendaItemId }!.meetingId
        #expect(message { _ = try db.addEvidenceSession(inquiry: "i", meetingId: panelMeeting, actor: .test) }.contains("is not a meeting of the committee"))
        _ = try db.addEvidenceSession(inquiry: "i", meetingId: meetingId, actor: .test)
        _ = try db.addWitness(meetingId: meetingId, name: "Dr Coleman", role: "Chief Operating Officer", actor: .test)
        #expect(message { _ = try db.addWitness(meetingId: meetingId, name: "  ", role: "", actor: .test) }.contains("name"))
        let detail = try #require(try await db.inquiryDetail(slug: "i"))
        #expect(detail.sessions.map(\.meeting.meeting.id) == [meetingId])
        #expect(detail.sessions[0].witnesses.map(\.name) == ["Dr Coleman"])
        #expect(detail.writtenEvidence.map(\.id) == [evidence.id!], "the draft \(draftEvidence.id!) is not listed")
        #expect(detail.report == nil)
    }

    /// A team body, its challenge of `council`, and (optionally) its report published on `reportDay`.
    func challenge(_ slug: String, council: String, kind: PeerChallengeKind = .corporate, onSite: String, reportDay: String?) throws {
        _ = try db.addBody(slug: "\(slug)-team", name: "Team \(slug)", kind: .peerChallengeTeam, actor: .test)
        _ = try db.addPeerChallenge(
            .init(slug: slug, team: "\(slug)-team", council: council, kind: kind, scope: "Scope", onSiteFrom: onSite, onSiteTo: onSite),
            actor: .test)
        guard let reportDay else { return }
        let paper = try paperOf("\(slug)-team", published: try time.parseDateTime("\(reportDay) 12:00"))
        _ = try db.setPeerChallengeReport(slug: slug, paperId: paper.id!, actor: .test)
    }

    /// Issue 16: under the LGA profile the progress review is due 10 months after the challenge, its duty is named
    /// so, and a team made under it answers in 3 months.
    @Test func theLGAProfileGovernsDutiesFollowUpsAndNewTeams() async throws {
        let lgaStore = try TestStore(peerChallengeRules: .lga)
        let db = lgaStore.database
        _ = try db.addAuthority(slug: "north", name: "North Council", kind: .unitary, actor: .test)
        let team = try db.addBody(slug: "t-team", name: "Team", kind: .peerChallengeTeam, actor: .test)
        #expect(team.rules.standard == ResponseRule(count: 3, unit: .calendarMonths), "the action plan period of the profile")
        _ = try db.addPeerChallenge(
            .init(slug: "t", team: "t-team", council: "north", kind: .corporate, scope: "Scope", onSiteFrom: "2026-01-26", onSiteTo: "2026-01-29"),
            actor: .test)
        let meeting = try db.addMeeting(
            body: "t-team", title: "Feedback", startsAt: try time.parseDateTime("2026-02-10 10:00"), endsAt: nil, locationName: nil,
            address: nil, actor: .test)
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Report", type: .report, rule: testRule, actor: .test)
        let paper = try db.addPaper(itemId: item.id!, title: "Report", author: "", markdown: "Text", kind: .peerChallengeReport, now: Date(), actor: .test)
        _ = try db.publishAgenda(meetingId: meeting.id!, at: try time.parseDateTime("2026-02-01 10:00"), rule: lgaStore.rule, actor: .test)
        _ = try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: try time.parseDateTime("2026-03-20 12:00"), rule: lgaStore.rule,
                                lateReason: "late", actor: .test)
        _ = try db.setPeerChallengeReport(slug: "t", paperId: paper.id!, actor: .test)
        let duty = try #require(try await db.duties(today: Day("2026-10-15")!, time: time).first { $0.source == .peerChallenge })
        #expect(duty.what == "Progress review (within 10 months of the challenge)")
        #expect(duty.state == .dueSoon(due: Day("2026-11-29")!), "10 months after the last on-site day, 60 days' notice")
        let refused = message { _ = try db.scheduleFollowUp(slug: "t", on: "2026-12-01", actor: .test) }
        #expect(refused.contains("within 10 months of the challenge, by 2026-11-29"))
    }

    @Test func followUpMustBeWithinEighteenMonthsOfTheReport() async throws {
        try challenge("c", council: "north", onSite: "2026-02-02", reportDay: nil)
        #expect(message { _ = try db.scheduleFollowUp(slug: "c", on: "2026-09-01", actor: .test) }.contains("record the published report"))
        #expect(message { _ = try db.recordReportBack(slug: "c", on: "2026-09-01", summary: "x", actor: .test) }.contains("has not been published"))
        let paper = try paperOf("c-team", published: try time.parseDateTime("2026-03-20 12:00"))
        _ = try db.setPeerChallengeReport(slug: "c", paperId: paper.id!, actor: .test)
        #expect(message { _ = try db.scheduleFollowUp(slug: "c", on: "2027-09-21", actor: .test) }
            .contains("within 18 months of the report, by 2027-09-20"))
        #expect(message { _ = try db.scheduleFollowUp(slug: "c", on: "2026-03-20", actor: .test) }.contains("after the report"))
        #expect(try db.scheduleFollowUp(slug: "c", on: "2027-09-20", actor: .test).followUpOn == "2027-09-20", "the last day is allowed")
        #expect(message { _ = try db.recordReportBack(slug: "c", on: "2026-03-01", summary: "x", actor: .test) }.contains("cannot come before"))
        let summary = try #require(try await db.peerChallenges(today: Day("2027-07-01")!).first)
        #expect(summary.followUp == .scheduled(for: Day("2027-09-20")!, due: Day("2027-09-20")!))
    }

    @Test func aFollowUpChallengeSetsTheOriginalsDateAndTeamMembersComeFromOtherCouncils() throws {
        try challenge("first", council: "north", onSite: "2026-02-02", reportDay: "2026-03-20")
        #expect(message { _ = try db.addPeerChallenge(
            .init(slug: "x", team: "first-team", council: "north", kind: .corporate, scope: "S", onSiteFrom: "2026-05-01", onSiteTo: "2026-05-01"),
            actor: .test) }.contains("already carries out a challenge"))
        _ = try db.addBody(slug: "second-team", name: "Second", kind: .peerChallengeTeam, actor: .test)
        #expect(message { _ = try db.addPeerChallenge(
            .init(slug: "second", team: "second-team", council: "south", kind: .corporate, scope: "S", onSiteFrom: "2027-01-10",
                  onSiteTo: "2027-01-12", followUpOf: "first"), actor: .test) }.contains("same council"))
        #expect(message { _ = try db.addPeerChallenge(
            .init(slug: "second", team: "second-team", council: "north", kind: .corporate, scope: "S", onSiteFrom: "2027-10-10",
                  onSiteTo: "2027-10-12", followUpOf: "first"), actor: .test) }.contains("within 18 months"))
        #expect(try db.list(PeerChallenge.self).count == 1, "refused follow-ups are not saved")
        _ = try db.addPeerChallenge(
            .init(slug: "second", team: "second-team", council: "north", kind: .corporate, scope: "S", onSiteFrom: "2027-01-10",
                  onSiteTo: "2027-01-12", followUpOf: "first"), actor: .test)
        #expect(try db.list(PeerChallenge.self).first { $0.slug == "first" }?.followUpOn == "2027-01-10")
        #expect(message { _ = try seat("ann", "second-team", .memberPeer, "north") }.contains("must come from another council"))
        _ = try seat("ann", "second-team", .memberPeer, "south")
        _ = try seat("bob", "second-team", .officerPeer, "north")
    }

    @Test func safeguardingChallengesRecurEveryThreeYears() async throws {
        try challenge("s1", council: "north", kind: .safeguarding, onSite: "2023-10-02", reportDay: "2023-11-01")
        try challenge("c1", council: "north", kind: .corporate, onSite: "2024-01-10", reportDay: nil)
        var all = try await db.peerChallenges(today: Day("2026-11-25")!)
        #expect(all.first { $0.challenge.slug == "s1" }?.recurrence == .overdue(due: Day("2026-10-02")!))
        #expect(all.first { $0.challenge.slug == "c1" }?.recurrence == nil, "corporate challenges do not recur on a cycle")
        let duties = try await db.duties(today: Day("2026-11-25")!)
        #expect(duties.map(\.state).prefix(2) == [.overdue(due: Day("2025-05-01")!), .overdue(due: Day("2026-10-02")!)],
                "overdue first, oldest first: the unscheduled follow-up, then the repeat")
        #expect(duties.map(\.what).prefix(2) == [
            "Follow-up challenge (within 18 months of the report)", "Next safeguarding challenge (every 3 years)",
        ])
        try challenge("s2", council: "north", kind: .safeguarding, onSite: "2027-02-01", reportDay: nil)
        all = try await db.peerChallenges(today: Day("2026-11-25")!)
        #expect(all.first { $0.challenge.slug == "s1" }?.recurrence == .overdue(due: Day("2026-10-02")!), "planned late is still overdue")
        #expect(all.first { $0.challenge.slug == "s2" }?.recurrence == .upcoming(due: Day("2030-02-01")!))
        try challenge("s3", council: "south", kind: .safeguarding, onSite: "2024-03-04", reportDay: nil)
        try challenge("s4", council: "south", kind: .safeguarding, onSite: "2027-01-15", reportDay: nil)
        all = try await db.peerChallenges(today: Day("2026-11-25")!)
        #expect(all.first { $0.challenge.slug == "s3" }?.recurrence == .scheduled(for: Day("2027-01-15")!, due: Day("2027-03-04")!))
        // Issue 16: once the late repeat has happened, s1's duty is met, but late, and says so.
        all = try await db.peerChallenges(today: Day("2027-03-01")!)
        let late = try #require(all.first { $0.challenge.slug == "s1" }?.recurrence)
        #expect(late == .done(on: Day("2027-02-01")!, due: Day("2026-10-02")!) && late.wasLate)
        let shown = DutyView(label: "Next safeguarding challenge", state: late, time: time)
        #expect(shown.stateLabel == "Done late" && shown.text == "Done on Monday 1 February 2027, after it was due by Friday 2 October 2026")
        #expect(!(all.first { $0.challenge.slug == "s3" }?.recurrence?.wasLate ?? true), "s4 came in time for s3")
    }

    /// Issue 16: the year an annual report covers is chosen, must have ended, and decides which duty it meets.
    @Test func anAnnualReportCountsForTheYearItCovers() async throws {
        _ = try db.addBody(slug: "panel", name: "Panel", kind: .educationPanel, actor: .test)
        let meeting = try db.addMeeting(
            body: "panel", title: "Panel meeting", startsAt: try time.parseDateTime("2026-03-10 16:30"), endsAt: nil, locationName: nil,
            address: nil, actor: .test)
        let item = try db.addAgendaItem(meetingId: meeting.id!, title: "Annual report", type: .report, rule: testRule, actor: .test)
        let september = try time.parseDateTime("2027-09-15 10:00")
        func add(_ year: AcademicYear?) throws -> Paper {
            try db.addPaper(itemId: item.id!, title: "Annual report", author: "", markdown: "Text", kind: .annualReport, reportYear: year,
                            now: september, actor: .test)
        }
        #expect(message { _ = try add(nil) }.contains("choose the academic year the annual report covers, for example 2026/27"))
        #expect(message { _ = try add(AcademicYear(endYear: 2028)) }.contains("the 2027/28 academic year has not ended yet"))
        #expect(message {
            _ = try db.addPaper(itemId: item.id!, title: "R", author: "", markdown: "T", kind: .report, reportYear: AcademicYear(endYear: 2026),
                                now: september, actor: .test)
        }.contains("only an annual report covers an academic year"))
        #expect(try db.list(Paper.self).isEmpty, "nothing saved")

        func duty(_ today: String) async throws -> Duty? {
            try await db.duties(today: Day(today)!, time: time).first { $0.subject == "Panel" }
        }
        // The panel first met in 2025/26; with no report its duty is overdue, and stays so after 1 September 2027.
        let overdue = try #require(try await duty("2027-09-10"))
        #expect(overdue.what == "Annual report for 2025/26" && overdue.state == .overdue(due: Day("2026-12-31")!))
        // Published late, in September 2027, the report counts for 2025/26, not for 2026/27.
        let paper = try add(AcademicYear(endYear: 2026))
        _ = try db.publishAgenda(meetingId: meeting.id!, at: try time.parseDateTime("2026-03-01 10:00"), rule: store.rule, actor: .test)
        _ = try db.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: september, rule: store.rule, lateReason: "late", actor: .test)
        let next = try #require(try await duty("2027-09-20"))
        #expect(next.what == "Annual report for 2026/27" && next.state == .upcoming(due: Day("2027-12-31")!))
        // A revision keeps the year.
        let revision = try db.startRevision(of: paper.id!, now: september, actor: .test)
        #expect(revision.coveredYear == AcademicYear(endYear: 2026))
    }

    @Test func annualReportRemindersReachThePanelsClerksOnce() throws {
        _ = try db.addBody(slug: "panel", name: "Panel", kind: .educationPanel, actor: .test)
        _ = try db.addUser(email: "panel.clerk@townhall.test", name: "P Clerk", role: .clerk, organisation: nil, password: "correct horse battery staple",
                           bodies: ["panel"], policy: .testing, actor: .test)
        let november = try time.parseDateTime("2026-11-25 09:00")
        #expect(try db.enqueueDutyReminders(today: Day("2026-11-25")!, time: time, now: november) == 0, "not yet due")
        let december = try time.parseDateTime("2026-12-02 09:00")
        #expect(try db.enqueueDutyReminders(today: Day("2026-12-02")!, time: time, now: december) == 1)
        #expect(try db.enqueueDutyReminders(today: Day("2026-12-03")!, time: time, now: december) == 0, "never twice")
        let january = try time.parseDateTime("2027-01-04 09:00")
        #expect(try db.enqueueDutyReminders(today: Day("2027-01-04")!, time: time, now: january) == 1, "again once overdue")
        let messages = try db.outbox()
        #expect(messages.map(\.recipient) == ["panel.clerk@townhall.test", "panel.clerk@townhall.test"])
        #expect(messages[0].subject == "Due soon: Annual report for 2025/26, Panel")
        #expect(messages[1].subject == "Overdue: Annual report for 2025/26, Panel")
        #expect(messages[1].body.contains("was due by Thursday 31 December 2026"))
    }
}
