import Foundation
import Testing
@testable import TownhallDomain

/// The date and money rules behind body kinds, checked against hand-worked calendar facts.
@Suite("Body kind rules")
struct BodyKindRuleTests {
    func day(_ text: String) -> Day { Day(text)! }

    @Test func moneyIsParsedToPenceAndPrintedInPounds() throws {
        #expect(try Money(parsing: "£412,500,000").pence == 41_250_000_000)
        #expect(try Money(parsing: "265.14").pence == 26_514)
        #expect(try Money(parsing: "265.1").pence == 26_510)
        #expect(try Money(parsing: " 0.05 ").pence == 5)
        for bad in ["", "-1", "1.234", "abc", "£", "12.", "1e6", "١٢٣"] {
            #expect(throws: TownhallError.self, "\(bad)") { try Money(parsing: bad) }
        }
        #expect(Money(pence: 20_840_000_000).description == "£208,400,000")
        #expect(Money(pence: 25_547).description == "£255.47")
        #expect(Money(pence: 105).description == "£1.05")
        #expect(Money(pence: 0).description == "£0")
    }

    @Test func monthsAreAddedWithTheMonthEndClamped() {
        #expect(day("2025-08-31").adding(months: 18) == day("2027-02-28"))
        #expect(day("2026-01-31").adding(months: 1) == day("2026-02-28"))
        #expect(day("2027-12-31").adding(months: 2) == day("2028-02-29"), "leap year")
        #expect(day("2026-03-31").adding(months: -1) == day("2026-02-28"))
        #expect(day("2026-01-15").adding(months: -13) == day("2024-12-15"))
        #expect(day("2024-02-29").adding(years: 3) == day("2027-02-28"))
    }

    @Test func followUpIsDueEighteenMonthsAfterTheReportAndSafeguardingRecursEveryThreeYears() {
        let mission = PeerChallengeRules.mission
        #expect(mission.followUpDue(reportPublished: day("2026-06-08"), onSiteTo: day("2026-05-01")) == day("2027-12-08"))
        #expect(mission.followUpDue(reportPublished: day("2025-08-31"), onSiteTo: day("2025-07-01")) == day("2027-02-28"))
        #expect(mission.actionPlan.label == "8 weeks" && mission.followUpLabel == "Follow-up challenge (within 18 months of the report)")
        #expect(PeerChallengeRules.nextSafeguardingDue(onSiteFrom: day("2023-10-02")) == day("2026-10-02"))
    }

    /// Issue 16: the LGA's profile, a progress review about 10 months after the challenge and an action plan within 3
    /// months, is selectable.
    @Test func theLGAProfileCountsTheProgressReviewFromTheChallenge() {
        let lga = PeerChallengeRules.profile(.lga)
        #expect(lga.followUpDue(reportPublished: day("2026-06-08"), onSiteTo: day("2026-05-01")) == day("2027-03-01"))
        #expect(lga.actionPlan == ResponseRule(count: 3, unit: .calendarMonths))
        #expect(lga.followUpLabel == "Progress review (within 10 months of the challenge)")
        #expect(PeerChallengeRules.profile(.mission) == .mission)
    }

    @Test func dutyStatesChangeOnTheRightDays() {
        let due = day("2027-12-08")
        #expect(DutyState.of(due: due, planned: nil, today: day("2027-09-08"), soonDays: 90) == .upcoming(due: due), "91 days before")
        #expect(DutyState.of(due: due, planned: nil, today: day("2027-09-09"), soonDays: 90) == .dueSoon(due: due), "90 days before")
        #expect(DutyState.of(due: due, planned: nil, today: due, soonDays: 90) == .dueSoon(due: due), "the due day is still in time")
        #expect(DutyState.of(due: due, planned: nil, today: day("2027-12-09"), soonDays: 90) == .overdue(due: due))
        #expect(DutyState.of(due: due, planned: day("2027-11-01"), today: day("2027-06-01"), soonDays: 90)
            == .scheduled(for: day("2027-11-01"), due: due))
        #expect(DutyState.of(due: due, planned: day("2027-11-01"), today: day("2027-11-01"), soonDays: 90)
            == .done(on: day("2027-11-01"), due: due))
        #expect(DutyState.of(due: due, planned: day("2028-01-10"), today: day("2027-12-20"), soonDays: 90) == .overdue(due: due),
                "a plan after the due day does not stop it being overdue")
    }

    @Test func annualReportIsDueByThirtyFirstDecemberForTheYearToAugust() {
        let schedule = AnnualReportSchedule()
        let y2526 = AcademicYear(endYear: 2026), y2425 = AcademicYear(endYear: 2025)
        #expect(schedule.cycle(today: day("2026-11-25")) == (y2526, day("2026-12-31")))
        #expect(schedule.cycle(today: day("2026-08-31")) == (y2425, day("2025-12-31")), "year end itself")
        #expect(schedule.cycle(today: day("2027-03-01")) == (y2526, day("2026-12-31")))
        func state(_ reports: [AcademicYear: Day], _ today: String, first: AcademicYear? = nil) -> DutyState {
            schedule.state(reports: reports, today: day(today), firstYear: first).state
        }
        #expect(state([:], "2026-11-25") == .upcoming(due: day("2026-12-31")))
        #expect(schedule.state(reports: [:], today: day("2026-11-25"), firstYear: nil).label == "Annual report for 2025/26")
        #expect(state([:], "2026-12-01") == .dueSoon(due: day("2026-12-31")), "reminder 30 days ahead")
        #expect(state([:], "2027-01-01") == .overdue(due: day("2026-12-31")))
        #expect(state([y2526: day("2026-10-01")], "2027-01-01") == .done(on: day("2026-10-01"), due: day("2026-12-31")))
        #expect(state([y2425: day("2026-10-01")], "2027-01-01") == .overdue(due: day("2026-12-31")),
                "a report on the year before does not meet this year's duty, whenever it appeared")
    }

    /// Issue 16: a late report counts for the year it covers, and a missed year stays overdue after 1 September.
    @Test func aLateReportCountsForItsYearAndAMissedYearStaysOverdue() {
        let schedule = AnnualReportSchedule()
        let y2526 = AcademicYear(endYear: 2026), y2627 = AcademicYear(endYear: 2027)
        // Nothing on 2025/26 by 31 December 2026: still overdue in October 2027, when 2026/27's cycle has begun.
        let missed = schedule.state(reports: [:], today: day("2027-10-01"), firstYear: y2526)
        #expect(missed.year == y2526 && missed.state == .overdue(due: day("2026-12-31")) && missed.label == "Annual report for 2025/26")
        // Published late, in September 2027, it counts for 2025/26 and the duty moves on to 2026/27.
        let caughtUp = schedule.state(reports: [y2526: day("2027-09-15")], today: day("2027-10-01"), firstYear: y2526)
        #expect(caughtUp.year == y2627 && caughtUp.state == .upcoming(due: day("2027-12-31")))
        // A panel that first met this academic year has nothing due until the year ends.
        let newPanel = schedule.state(reports: [:], today: day("2027-10-01"), firstYear: AcademicYear(endYear: 2028))
        #expect(newPanel.year == AcademicYear(endYear: 2028) && newPanel.state == .upcoming(due: day("2028-12-31")))
    }

    @Test func academicYearsParseAsSchoolsWriteThem() {
        #expect(AcademicYear(parsing: "2025/26") == AcademicYear(endYear: 2026))
        #expect(AcademicYear(parsing: " 2025-26 ") == AcademicYear(endYear: 2026))
        #expect(AcademicYear(parsing: "2025/2026") == AcademicYear(endYear: 2026))
        #expect(AcademicYear(parsing: "2099/00") == AcademicYear(endYear: 2100))
        for bad in ["", "2025", "2025/27", "2026/25", "25/26", "2025/٢٦", "2025/26/27", "99999/100000"] {
            #expect(AcademicYear(parsing: bad) == nil, "\(bad)")
        }
        #expect(AcademicYear(endYear: 2026).description == "2025/26")
        #expect(AcademicYear.containing(day("2025-09-01")) == AcademicYear(endYear: 2026))
        #expect(AcademicYear.containing(day("2026-08-31")) == AcademicYear(endYear: 2026))
        #expect(throws: TownhallError.self) { try PaperKind.annualReport.checkCoveredYear(nil, today: day("2026-12-03")) }
        #expect(throws: TownhallError.self, "2026/27 has not ended") {
            try PaperKind.annualReport.checkCoveredYear(AcademicYear(endYear: 2027), today: day("2026-12-03"))
        }
        #expect(throws: TownhallError.self) { try PaperKind.report.checkCoveredYear(AcademicYear(endYear: 2026), today: day("2026-12-03")) }
        #expect(throws: Never.self) { try PaperKind.annualReport.checkCoveredYear(AcademicYear(endYear: 2026), today: day("2026-12-03")) }
    }

    @Test func seatPlanFollowsTheCouncilCount() {
        let two = SeatPlan.seats(kind: .policingBoard, councils: [(1, "A"), (2, "B")], holders: [
            .init(name: "Leader A", category: .leader, authorityId: 1),
        ])
        #expect(two.map(\.label) == ["Council leader, A", "Lead member, A", "Council leader, B", "Lead member, B"])
        #expect(two.filter(\.isEmpty).count == 3)
        let three = SeatPlan.seats(kind: .policingBoard, councils: [(1, "A"), (2, "B"), (3, "C")], holders: [])
        #expect(three.map(\.category) == [.leader, .leader, .leader], "no lead members where there are more than two councils")
        let panel = SeatPlan.seats(kind: .educationPanel, councils: [], holders: [.init(name: "P", category: .parent, authorityId: nil)])
        #expect(panel.map(\.category) == [.leadMember, .directorOfChildrensServices, .headTeacher, .governor, .parent])
        #expect(panel.filter(\.isEmpty).count == 4)
        #expect(SeatPlan.seats(kind: .other, councils: [], holders: []).isEmpty)
    }
}

/// One rule decides which recommendations can be answered: the response form, the store and the state table agree.
@Suite("Answerable recommendations")
struct AnswerableTests {
    @Test func theStateTableAgreesWithIsOpenToAnswer() throws {
        let days = try WorkingDays.load(file: packageRoot.appendingPathComponent("Config/bank-holidays.json").path)
        let deadlines = Deadlines(workingDays: days, time: LocalTime())
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for status in [RecommendationStatus.issued, .referred, .closed] {
            for decision in [nil] + ResponseDecision.allCases.map(Optional.some) {
                for due in [nil, "2020-01-01", "2030-01-01", "2027-01-15"] { for pending in [false, true] {
                    let record = Recommendation(
                        paperId: 1, bodyId: 1, organisationId: 1, number: 1, text: "x", status: status, createdAt: now, issuedAt: now, dueOn: due)
                    let state = try #require(deadlines.state(
                        status: status, dueOn: due, decision: decision, extensionPending: pending, dueSoonWorkingDays: 10,
                        longOverdueWorkingDays: 20, now: now))
                    #expect((state.allows(.respond) || state.allows(.correctResponse)) == record.isOpenToAnswer, "\(status) \(state)")
                } }
            }
        }
    }
}

/// Issue 16: the forward plan's notice periods (2012 Access to Information Regulations, regulations 5, 9, 10, 11).
@Suite("Forward plan notice")
struct ForwardPlanRuleTests {
    func day(_ text: String) -> Day { Day(text)! }
    func notice(_ published: String, key: Bool = true, private: Bool = false, asked: PlanNotice? = nil, reason: String? = nil) throws -> PlanNotice {
        try ForwardPlanRule.notice(isKeyDecision: key, isPrivate: `private`, publishedOn: day(published), expectedOn: day("2027-03-31"),
                                   asked: asked, reason: reason).0
    }

    @Test func twentyEightClearDaysThenTheExceptions() throws {
        // 28 clear days before 31 March leave out both ends: on the plan by 2 March.
        #expect(ForwardPlanRule.lastDay(before: day("2027-03-31"), clearDays: 28) == day("2027-03-02"))
        #expect(try notice("2027-03-02") == .inTime)
        #expect(throws: TownhallError.self, "a key decision a day late needs an exception") { try notice("2027-03-03") }
        #expect(throws: TownhallError.self, "an exception needs its reasons") { try notice("2027-03-03", asked: .generalException, reason: " ") }
        #expect(try notice("2027-03-25", asked: .generalException, reason: "Grant terms arrived late") == .generalException)
        #expect(throws: TownhallError.self, "under 5 clear days only special urgency") {
            try notice("2027-03-26", asked: .generalException, reason: "Late")
        }
        #expect(try notice("2027-03-26", asked: .specialUrgency, reason: "The roof failed") == .specialUrgency)
        #expect(throws: TownhallError.self, "special urgency is not for a decision with 5 clear days still to go") {
            try notice("2027-03-20", asked: .specialUrgency, reason: "Urgent")
        }
        #expect(throws: TownhallError.self, "a private matter needs the notice too") { try notice("2027-03-20", key: false, private: true) }
        #expect(try notice("2027-03-30", key: false) == .inTime, "an ordinary public matter needs no 28 days")
        #expect(throws: TownhallError.self, "no exception when in time") { try notice("2027-01-04", asked: .specialUrgency, reason: "x") }
        #expect(throws: TownhallError.self, "announced after the decision") { try notice("2027-04-01") }
    }
}
