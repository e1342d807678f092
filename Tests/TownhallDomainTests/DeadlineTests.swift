import Foundation
import Testing
@testable import TownhallDomain

/// Response deadlines for each rule, and the states a recommendation passes through.
@Suite struct DeadlineTests {
    let days = try! WorkingDays.load(file: packageRoot.appendingPathComponent("Config/bank-holidays.json").path)

    func due(_ issued: String, _ rule: String) throws -> String {
        try ResponseRule(parsing: rule).due(issued: Day(issued)!, workingDays: days).description
    }

    @Test(arguments: [
        // Calendar months: month ends clamp, leap years, and a result on a weekend or bank holiday moves on.
        ("2027-01-31", "1 calendar-months", "2027-03-01"),  // 28 Feb 2027 is a Sunday: next working day
        ("2028-01-31", "1 calendar-months", "2028-02-29"),  // leap year: Tuesday 29 February
        ("2026-12-31", "2 calendar-months", "2027-03-01"),  // 28 Feb 2027 (Sunday) -> Monday 1 March
        ("2027-03-15", "2 calendar-months", "2027-05-17"),  // 15 May 2027 is a Saturday
        ("2026-10-26", "2 calendar-months", "2026-12-29"),  // 26 Dec (Boxing Day, Saturday; substitute Monday 28) -> Tuesday 29
        ("2026-09-25", "1 calendar-months", "2026-10-26"),  // 25 Oct 2026 is a Sunday
        // Calendar days (8 weeks for a peer challenge action plan).
        ("2027-01-04", "8 weeks", "2027-03-01"),
        ("2027-02-26", "5 calendar-days", "2027-03-03"),
        ("2026-12-20", "5 calendar-days", "2026-12-29"),    // 25 Dec, then 26-28 holidays/weekend
        // Working days skip weekends and bank holidays (Good Friday and Easter Monday 2027: 26 and 29 March).
        ("2027-03-24", "3 working-days", "2027-03-31"),
        ("2026-12-23", "2 working-days", "2026-12-29"),
        ("2027-05-28", "1 working-days", "2027-06-01"),     // 31 May 2027 is the spring bank holiday
        // The statutory "N months beginning with the day received" (issue 16): the day before the corresponding date,
        // the month's last day where it has none, and never moved off a weekend or holiday unless asked.
        ("2027-01-15", "2 months-beginning-with", "2027-03-14"),  // a Sunday, not moved
        ("2027-01-31", "2 months-beginning-with", "2027-03-30"),
        ("2026-12-30", "2 months-beginning-with", "2027-02-28"),  // no 30 February: the last day of February
        ("2027-12-31", "2 months-beginning-with", "2028-02-29"),  // leap year
        ("2027-01-01", "1 months-beginning-with", "2027-01-31"),
        ("2027-01-15", "2 months-beginning-with next-working-day", "2027-03-15"),  // moved, as the body chose
        ("2027-01-31", "1 calendar-months not-moved", "2027-02-28"),  // a Sunday, kept where it falls
    ])
    func rules(issued: String, rule: String, expected: String) throws {
        #expect(try due(issued, rule) == expected)
    }

    @Test func ruleParsingAndDefaults() throws {
        #expect(ResponseRule.standard(for: .lpac) == ResponseRule(count: 2, unit: .calendarMonths))
        #expect(ResponseRule.standard(for: .policingBoard) == ResponseRule(count: 2, unit: .calendarMonths))
        #expect(ResponseRule.standard(for: .peerChallengeTeam).label == "8 weeks")
        #expect(throws: TownhallError.self) { try ResponseRule(parsing: "two months") }
        #expect(throws: TownhallError.self) { try ResponseRule(parsing: "2 fortnights") }
        #expect(throws: TownhallError.self) { try ResponseRule(parsing: "0 calendar-days") }
        #expect(throws: TownhallError.self) { try ResponseRule(parsing: "2 calendar-months sometimes") }
        #expect(throws: TownhallError.self) { try ResponseRule(parsing: "20 working-days not-moved") }
        for text in ["2 calendar-months", "56 calendar-days", "2 months-beginning-with", "2 months-beginning-with next-working-day",
                     "1 calendar-months not-moved", "20 working-days"] {
            #expect(try ResponseRule(parsing: text).description == text, "the stored text reads back the same")
        }
        #expect(try ResponseRule(parsing: "2 months-beginning-with").label == "2 months beginning with the day of issue")
    }

    @Test func aBodyCanGiveAKindOfOrganisationItsOwnPeriod() throws {
        let rules = try ResponseRules(parsing: "2 calendar-months; nhs-trust: 2 months-beginning-with", standard: .standard(for: .lpac))
        #expect(rules.rule(for: .nhsTrust) == ResponseRule(count: 2, unit: .monthsBeginningWith))
        #expect(rules.rule(for: .council) == ResponseRule(count: 2, unit: .calendarMonths))
        #expect(rules.description == "2 calendar-months; nhs-trust: 2 months-beginning-with")
        #expect(rules.label == "2 calendar months; NHS trust: 2 months beginning with the day of issue")
        let onlyKinds = try ResponseRules(parsing: "police-force: 20 working-days", standard: .standard(for: .peerChallengeTeam))
        #expect(onlyKinds.standard.label == "8 weeks" && onlyKinds.rule(for: .policeForce).label == "20 working days")
        #expect(throws: TownhallError.self) { try ResponseRules(parsing: "2 calendar-months; hospital: 8 weeks", standard: .standard(for: .lpac)) }
        #expect(throws: TownhallError.self) { try ResponseRules(parsing: "2 calendar-months; 8 weeks", standard: .standard(for: .lpac)) }
        let body = Body(slug: "b", name: "B", kind: .lpac, description: "", area: "", responseRule: "2 calendar-months")
        #expect(body.rules == ResponseRules(standard: ResponseRule(count: 2, unit: .calendarMonths)), "a rule stored before this reads the same")
    }

    @Test func calendarStatesAroundTheDeadline() throws {
        let deadlines = Deadlines(workingDays: days, time: LocalTime())
        func state(_ today: String, due: String = "2027-03-31") throws -> RecommendationState? {
            deadlines.state(
                status: .issued, dueOn: due, decision: nil, extensionPending: false, dueSoonWorkingDays: 10, longOverdueWorkingDays: 20,
                now: try LocalTime().parseDateTime("\(today) 12:00"))
        }
        #expect(try state("2027-03-01") == .awaitingResponse)
        // Working days left to 31 March 2027, with Good Friday and Easter Monday off: 11 from 12 March, 10 from 15 March.
        #expect(try state("2027-03-12") == .awaitingResponse)
        #expect(try state("2027-03-15") == .dueSoon)
        #expect(try state("2027-03-31") == .dueSoon, "due by the end of the day")
        #expect(try state("2027-04-01") == .overdue)
        #expect(try state("2027-04-27") == .overdue, "19 working days past")
        #expect(try state("2027-04-28") == .longOverdue, "20 working days past")
        #expect(deadlines.state(status: .issued, dueOn: "2027-03-31", decision: .rejected, extensionPending: false, dueSoonWorkingDays: 10,
                                longOverdueWorkingDays: 20, now: Date()) == .rejected)
        #expect(deadlines.state(status: .draft, dueOn: nil, decision: nil, extensionPending: false, dueSoonWorkingDays: 10, longOverdueWorkingDays: 20,
                                now: Date()) == nil)
        #expect(deadlines.state(status: .closed, dueOn: "2020-01-01", decision: nil, extensionPending: false, dueSoonWorkingDays: 10,
                                longOverdueWorkingDays: 20, now: Date()) == .closed)
        // A request for more time waiting for the clerk: not overdue, whatever the calendar says; an answer still wins.
        let lateDay = try LocalTime().parseDateTime("2027-05-20 12:00")
        #expect(deadlines.state(status: .issued, dueOn: "2027-03-31", decision: nil, extensionPending: true, dueSoonWorkingDays: 10,
                                longOverdueWorkingDays: 20, now: lateDay) == .extensionRequested)
        #expect(deadlines.state(status: .issued, dueOn: "2027-03-31", decision: .accepted, extensionPending: true, dueSoonWorkingDays: 10,
                                longOverdueWorkingDays: 20, now: lateDay) == .accepted)
        #expect(!RecommendationState.extensionRequested.isLate && RecommendationState.extensionRequested.isWaiting)
    }

    /// A request for more time and its decision are checked the same way wherever they come from.
    @Test func requestsForMoreTimeAreChecked() {
        let due = Day("2027-03-31")!
        func fields(_ day: String, _ reason: String = "Board meets in June") -> [ExtensionRequest.Field] {
            ExtensionRequest.requestProblems(requested: day, reason: reason, currentDue: due).map(\.field)
        }
        #expect(fields("2027-04-30").isEmpty)
        #expect(fields(" 2027-04-30 ").isEmpty, "spaces around a typed day do not matter")
        #expect(fields("") == [.requestedDue] && fields("2027-03-31") == [.requestedDue] && fields("2027-02-29") == [.requestedDue])
        #expect(fields("2028-04-01") == [.requestedDue], "more than 366 days past the deadline")
        #expect(fields("2028-03-31").isEmpty, "366 days past the deadline (2028 has 29 February) is allowed")
        #expect(fields("2027-04-30", " \n") == [.reason] && fields("x", "") == [.requestedDue, .reason])
        #expect(fields("2027-04-30", String(repeating: "a", count: TextLimits.noteCharacters + 1)) == [.reason])
        let request = ExtensionRequest(
            recommendationId: 1, dueOnWhenAsked: "2027-03-31", requestedDueOn: "2027-04-30", reason: "x", requestedAt: Date(), requestedBy: "N")
        func decision(_ grant: Bool, _ day: String = "", _ note: String = "") -> [ExtensionRequest.Field] {
            ExtensionRequest.decisionProblems(grant: grant, grantedDue: day, note: note, request: request).map(\.field)
        }
        #expect(decision(true).isEmpty && decision(true, "2027-04-15").isEmpty && decision(true, "2027-04-30").isEmpty)
        #expect(decision(true, "2027-05-01") == [.grantedDue] && decision(true, "2027-03-31") == [.grantedDue] && decision(true, "soon") == [.grantedDue])
        #expect(decision(false) == [.note] && decision(false, "", "Enough time was given").isEmpty)
        #expect(decision(false, "2099-01-01", "No").isEmpty, "a refusal ignores the day")
    }

    /// Every action in every state: exactly these are allowed.
    @Test func stateMachine() {
        let allowed: [RecommendationState: Set<RecommendationAction>] = [
            .awaitingResponse: [.respond, .extendDeadline, .requestExtension, .callBack],
            .dueSoon: [.respond, .extendDeadline, .requestExtension, .callBack],
            .overdue: [.respond, .extendDeadline, .requestExtension, .callBack],
            .longOverdue: [.respond, .extendDeadline, .requestExtension, .callBack],
            .extensionRequested: [.respond, .decideExtension, .callBack],
            .accepted: [.correctResponse, .close, .updateImplementation, .callBack],
            .partiallyAccepted: [.correctResponse, .refer, .close, .updateImplementation, .callBack],
            .rejected: [.correctResponse, .refer, .close, .callBack],
            .referred: [.close, .recordReferralOutcome, .callBack], .closed: [],
        ]
        for state in RecommendationState.allCases {
            for action in RecommendationAction.allCases {
                #expect(state.allows(action) == allowed[state]!.contains(action), "\(state) \(action)")
            }
        }
    }
}
