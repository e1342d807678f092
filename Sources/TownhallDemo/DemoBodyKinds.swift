import Foundation
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// The demo's duties particular to each kind of body: the board's reserved decisions, the LPAC inquiry with its
/// witnesses and written evidence, the education panel's annual report, and two peer challenges (one with its
/// follow-up still to come, one safeguarding challenge whose three-yearly repeat is overdue).
extension DemoData {
    func daysAgo(_ days: Int, from now: Date) -> Date { now.addingTimeInterval(Double(-days) * 86_400) }

    /// The working day `days` from today (negative for the past), stepping away from today past weekends and bank
    /// holidays, so nothing in the demo is dated on a day a real board would not sit.
    func workingDay(_ days: Int, from now: Date) -> Day {
        let day = time.calendarDay(of: now).adding(days: days)
        return days < 0 ? rule.workingDays.onOrBefore(day) : rule.workingDays.onOrAfter(day)
    }

    /// `clock` (HH:MM, London) on `workingDay(days)`: meetings, publications and responses happen in office hours.
    func officeTime(_ days: Int, _ clock: String, from now: Date) throws -> Date {
        try time.parseDateTime("\(workingDay(days, from: now)) \(clock)")
    }

    /// Eight working days before `meetingStart`, at 09:30: papers and agendas the demo publishes in good time.
    func inGoodTime(before meetingStart: Date) throws -> Date {
        try time.parseDateTime("\(rule.workingDays.adding(workingDays: -8, to: time.calendarDay(of: meetingStart))) 09:30")
    }

    /// A held meeting of the board that took a reserved decision, with the item and its agenda published two weeks
    /// before; returns the meeting id.
    func decisionMeeting(title: String, item: String, daysAgo days: Int, now: Date) throws -> Int64 {
        let meeting = try database.addMeeting(
            body: "harford-policing-board", title: title, startsAt: try officeTime(-days, "10:00", from: now),
            endsAt: try officeTime(-days, "12:00", from: now), locationName: "Council Chamber, Harford Civic Centre",
            address: "Market Square, Harford HF1 1AA", actor: .demo)
        _ = try database.addAgendaItem(meetingId: meeting.id!, title: item, type: .decision, rule: rule, actor: .demo)
        _ = try database.publishAgenda(meetingId: meeting.id!, at: try inGoodTime(before: meeting.startsAt), rule: rule, actor: .demo)
        _ = try database.setMeetingStatus(meetingId: meeting.id!, status: .held, actor: .demo)
        return meeting.id!
    }

    /// The notice of the intention to take a board matter in private, on the forward plan five weeks before the
    /// meeting (regulation 5(2)), as a board would give it; the agenda then gives the further notice.
    func noticeOfPrivateBusiness(_ meeting: Meeting, _ title: String, _ paragraph: ExemptParagraph) throws {
        _ = try database.addPlanEntry(
            body: "harford-policing-board", title: title, expectedOn: time.day(of: meeting.startsAt), isKeyDecision: true,
            exemptParagraph: paragraph, at: meeting.startsAt.addingTimeInterval(-35 * 86_400), actor: .demo)
    }

    /// The board's forward plan: two key decisions for its later meeting, on the plan in good time, one of them to be
    /// taken in private; and an urgent matter added under special urgency.
    func seedForwardPlan(laterBoard: Meeting, now: Date) throws {
        let day = time.day(of: laterBoard.startsAt)
        _ = try database.addPlanEntry(
            body: "harford-policing-board", title: "Police and crime plan: annual refresh of the strategic priorities", expectedOn: day,
            isKeyDecision: true, exemptParagraph: nil, at: now, actor: .demo)
        _ = try database.addPlanEntry(
            body: "harford-policing-board", title: "Sale of the former Marsh Vale police station", expectedOn: day, isKeyDecision: true,
            exemptParagraph: .financialAffairs, at: now, actor: .demo)
        _ = try database.addPlanEntry(
            body: "harford-policing-board", title: "Emergency funding for the custody suite roof",
            // The next working day: at most 5 days on (a Christmas or Easter break), inside the general exception's 5 clear days.
            expectedOn: workingDay(1, from: now).description, isKeyDecision: true, exemptParagraph: nil, exception: .specialUrgency,
            reason: "The roof failed in the storm of 30 November; the chair of the scrutiny panel agreed the decision cannot wait.",
            at: now, actor: .demo)
    }

    func seedBoardDecisions(planMeeting: Int64, planPaper: Int64, now: Date) throws {
        let day = { (days: Int) in workingDay(-days, from: now).description }
        let hearing = try decisionMeeting(
            title: "Confirmation hearing: Chief Constable", item: "Appointment of the Chief Constable", daysAgo: 707, now: now)
        _ = try database.recordBoardDecision(
            body: "harford-policing-board",
            BoardDecisionInput(
                function: .appointChiefConstable, decidedOn: day(707),
                summary: "The Board appointed Joanne Hartley QPM as Chief Constable after a confirmation hearing in public.",
                chiefConstable: "Joanne Hartley QPM", meetingId: hearing),
            localTime: time, actor: .demo)
        let lastBudget = try decisionMeeting(
            title: "Budget and precept meeting", item: "Force budget and police precept 2026/27", daysAgo: 288, now: now)
        _ = try database.recordBoardDecision(
            body: "harford-policing-board",
            BoardDecisionInput(
                function: .budgetAndPrecept, decidedOn: day(288),
                summary: "The Board approved the force budget for 2026/27 and set the Band D police precept.",
                budget: Money(pence: 20_840_000_000), precept: Money(pence: 25_547), meetingId: lastBudget),
            localTime: time, actor: .demo)
        _ = try database.recordBoardDecision(
            body: "harford-policing-board",
            BoardDecisionInput(
                function: .policingPlan, decidedOn: day(30),
                summary: "The Board agreed the policing plan 2026 to 2029, with neighbourhood policing reported on quarterly.",
                priorities: [
                    "Neighbourhood policing", "Violence against women and girls", "Serious and organised crime", "Road safety",
                ],
                meetingId: planMeeting, paperId: planPaper),
            localTime: time, actor: .demo)
    }

    func seedInquiry(evidenceMeeting: Meeting, evidenceItem: Int64, now: Date, renderer: MarkdownRenderer) throws {
        _ = try database.addInquiry(
            body: "harford-lpac", slug: "hospital-discharge", title: "Delays in hospital discharge",
            scope: "Why patients who are medically fit to leave Harford General Hospital wait to go home, and what the NHS trust and the council should do about it.",
            openedOn: time.day(of: daysAgo(160, from: now)), localTime: time, actor: .demo)
        let written = try database.addPaper(
            itemId: evidenceItem, title: "Written evidence from Harford Carers' Forum", author: "Harford Carers' Forum",
            markdown: DemoPapers.carersEvidence, kind: .writtenEvidence, now: daysAgo(150, from: now), actor: .demo)
        _ = try database.publishPaper(
            id: written.id!, renderer: renderer, at: try inGoodTime(before: evidenceMeeting.startsAt), rule: rule, actor: .demo)
        _ = try database.addEvidenceSession(inquiry: "hospital-discharge", meetingId: evidenceMeeting.id!, actor: .demo)
        _ = try database.addWitness(
            meetingId: evidenceMeeting.id!, name: "Dr Sarah Coleman", role: "Chief Operating Officer, Harford and Marsh NHS Foundation Trust",
            organisation: "harford-nhs", actor: .demo)
        _ = try database.addWitness(
            meetingId: evidenceMeeting.id!, name: "James Adeyemi", role: "Director of Adult Social Care, Harford City Council",
            organisation: "harford-council", actor: .demo)
        _ = try database.addWitness(meetingId: evidenceMeeting.id!, name: "Mary Quinn", role: "Carer, Harford Carers' Forum", actor: .demo)
        let report = try database.list(Paper.self).first { $0.title == "Delays in hospital discharge: final report" }!
        let reportMeeting = try database.list(Meeting.self).first { $0.title == "Inquiry report: delays in hospital discharge" }!
        _ = try database.addEvidenceSession(inquiry: "hospital-discharge", meetingId: reportMeeting.id!, actor: .demo)
        _ = try database.setInquiryReport(inquiry: "hospital-discharge", paperId: report.id!, actor: .demo)
    }

    /// Last year's annual report, published in December; this year's is still to come.
    func seedAnnualReport(at: (Int, String) throws -> Date, now: Date, chamber: String, address: String) throws {
        let cycle = AnnualReportSchedule().cycle(today: time.calendarDay(of: now))
        let covered = AcademicYear(endYear: cycle.year.endYear - 1)
        let previousDue = AnnualReportSchedule().dueDay(for: covered)
        let published = try time.parseDateTime("\(previousDue.adding(days: -25)) 10:00")
        let meetingDay = rule.workingDays.onOrBefore(previousDue.adding(days: -12))
        let meeting = try database.addMeeting(
            body: "harford-education-panel", title: "Panel meeting", startsAt: try time.parseDateTime("\(meetingDay) 16:30"),
            endsAt: try time.parseDateTime("\(meetingDay) 18:00"), locationName: chamber, address: address, actor: .demo)
        try addProcedural(meeting.id!)
        let item = try database.addAgendaItem(
            meetingId: meeting.id!, title: "Annual report \(covered)", type: .report, rule: rule, actor: .demo)
        let paper = try database.addPaper(
            itemId: item.id!, title: "Harford Local Education Panel annual report \(covered)",
            author: "Director of School Standards", markdown: DemoPapers.panelAnnualReport, kind: .annualReport,
            reportYear: covered, now: published, actor: .demo)
        _ = try database.publishPaper(id: paper.id!, renderer: MarkdownRenderer(), at: published, rule: rule, actor: .demo)
        _ = try database.publishAgenda(meetingId: meeting.id!, at: published, rule: rule, actor: .demo)
        _ = try database.setMeetingStatus(meetingId: meeting.id!, status: .held, actor: .demo)
    }

    func seedPeerChallenges(at: (Int, String) throws -> Date, now: Date, renderer: MarkdownRenderer, chamber: String, address: String) throws {
        _ = try database.addAuthority(slug: "northbrook", name: "Northbrook Borough Council", kind: .district, actor: .demo)
        _ = try database.addAuthority(slug: "eastmere", name: "Eastmere County Council", kind: .county, actor: .demo)
        let day = { (days: Int) in workingDay(-days, from: now).description }

        // A corporate peer challenge of Harford: report published, action plan in, report back received, follow-up to come.
        _ = try database.addBody(
            slug: "harford-corporate-peer-challenge", name: "Corporate peer challenge of Harford City Council",
            kind: .peerChallengeTeam,
            description: "A team of councillors and officers from other councils, with a health representative, who spent four days at Harford City Council looking at leadership, governance, finance and delivery of its priorities.",
            area: "Harford City Council", actor: .demo)
        try seat("harford-corporate-peer-challenge", since: day(260), [
            ("cllr-janet-price", "Councillor Janet Price", "Leader, Northbrook Borough Council (lead member peer)", .chair, .memberPeer, "northbrook"),
            ("cllr-omar-siddiqui", "Councillor Omar Siddiqui", "Cabinet Member for Resources, Eastmere County Council", .member, .memberPeer, "eastmere"),
            ("helen-ward", "Helen Ward", "Chief Executive, Northbrook Borough Council (lead officer peer)", .member, .officerPeer, "northbrook"),
            ("dr-ade-okoro", "Dr Ade Okoro", "Director of Strategy, Eastmere Integrated Care Board", .member, .healthPeer, nil),
        ])
        _ = try database.addPeerChallenge(
            PeerChallengeInput(
                slug: "harford-corporate-2026", team: "harford-corporate-peer-challenge", council: "harford-city", kind: .corporate,
                scope: "Local priorities and outcomes; organisational and place leadership; governance and culture; financial planning and management; capacity for improvement.",
                onSiteFrom: day(198), onSiteTo: day(195)),
            localTime: time, actor: .demo)
        let report = try challengeReport(
            team: "harford-corporate-peer-challenge", title: "Corporate peer challenge of Harford City Council: feedback report",
            markdown: DemoPapers.corporatePeerReport, meetingDaysAgo: 195, publishedDaysAgo: 170, now: now, renderer: renderer,
            place: (chamber, address))
        let council = try database.list(Organisation.self).first { $0.slug == "harford-council" }!
        let deadlines = Deadlines(workingDays: rule.workingDays, time: time)
        var recommendations: [Recommendation] = []
        for text in [
            "Agree a medium-term financial strategy that closes the £14 million budget gap for 2028/29 without relying on reserves.",
            "Set out a single corporate plan with measurable outcomes, reported to cabinet every quarter.",
            "Strengthen the audit committee with a second independent member and a training programme.",
        ] {
            recommendations.append(try database.addRecommendation(
                paperId: report, organisationId: council.id!, text: text, now: daysAgo(169, from: now), actor: .demo))
        }
        _ = try database.issueRecommendations(paperId: report, at: daysAgo(168, from: now), deadlines: deadlines, actor: .demo)
        let chiefExecutive = Actor(label: "system:demo-seed", publicName: "Chief Executive, Harford City Council")
        let target = { (days: Int) in time.day(of: now.addingTimeInterval(Double(days) * 86_400)) }
        _ = try database.submitResponse(
            paperId: report, organisationId: council.id!,
            answers: [
                recommendations[0].id!: ResponseAnswer(
                    decision: .accepted, action: "Savings programme of £9.2 million agreed; fees and charges review and a property review to close the rest.",
                    targetDate: target(120)),
                recommendations[1].id!: ResponseAnswer(
                    decision: .accepted, action: "Corporate plan 2026 to 2030 adopted with 24 outcome measures, reported quarterly.", targetDate: target(30)),
                recommendations[2].id!: ResponseAnswer(
                    decision: .partiallyAccepted,
                    reasons: "A second independent member cannot be appointed until the constitution is reviewed in 2027.",
                    action: "A training programme for audit committee members starts in January.", targetDate: target(60)),
            ],
            basedOnVersion: 0, now: try officeTime(-125, "15:10", from: now), deadlines: deadlines, actor: chiefExecutive)
        _ = try database.setPeerChallengeReport(slug: "harford-corporate-2026", paperId: report, localTime: time, actor: .demo)
        _ = try database.recordReportBack(
            slug: "harford-corporate-2026", on: day(20),
            summary: "Cabinet received a progress report: the corporate plan is adopted, £6.1 million of savings are delivered and audit committee training has begun.",
            localTime: time, actor: .demo)

        // A safeguarding peer challenge of Marsh Vale three years ago: followed up in time, but the repeat is now overdue.
        _ = try database.addBody(
            slug: "marsh-vale-safeguarding-peer-challenge", name: "Safeguarding peer challenge of Marsh Vale Council",
            kind: .peerChallengeTeam,
            description: "A team from other councils and the voluntary sector who reviewed how Marsh Vale Council and its partners keep children and adults at risk safe.",
            area: "Marsh Vale Council", actor: .demo)
        try seat("marsh-vale-safeguarding-peer-challenge", since: day(1200), [
            ("cllr-janet-price", "Councillor Janet Price", "", .chair, .memberPeer, "northbrook"),
            ("paul-hendry", "Paul Hendry", "Director of Children's Services, Eastmere County Council", .member, .officerPeer, "eastmere"),
            ("grace-lim", "Grace Lim", "Chief Executive, Eastmere Council for Voluntary Service", .member, .voluntaryPeer, nil),
        ])
        _ = try database.addPeerChallenge(
            PeerChallengeInput(
                slug: "marsh-vale-safeguarding-2023", team: "marsh-vale-safeguarding-peer-challenge", council: "marsh-vale",
                kind: .safeguarding,
                scope: "Children's and adults' safeguarding: partnership arrangements, front door and early help, quality of practice.",
                onSiteFrom: day(1150), onSiteTo: day(1147)),
            localTime: time, actor: .demo)
        let safeguardingReport = try challengeReport(
            team: "marsh-vale-safeguarding-peer-challenge", title: "Safeguarding peer challenge of Marsh Vale Council: report",
            markdown: DemoPapers.safeguardingPeerReport, meetingDaysAgo: 1147, publishedDaysAgo: 1120, now: now, renderer: renderer,
            place: ("Committee Room 2, Marsh Vale Town Hall", "High Street, Marsh Vale MV2 3BB"))
        _ = try database.setPeerChallengeReport(
            slug: "marsh-vale-safeguarding-2023", paperId: safeguardingReport, localTime: time, actor: .demo)
        _ = try database.recordReportBack(
            slug: "marsh-vale-safeguarding-2023", on: day(902),
            summary: "The council reported a new multi-agency front door and a quality assurance framework for case audits.",
            localTime: time, actor: .demo)
        _ = try database.scheduleFollowUp(slug: "marsh-vale-safeguarding-2023", on: day(710), localTime: time, actor: .demo)
    }

    /// The team's feedback meeting on the last on-site day, and its published report; returns the paper id.
    private func challengeReport(
        team: String, title: String, markdown: String, meetingDaysAgo: Int, publishedDaysAgo: Int, now: Date,
        renderer: MarkdownRenderer, place: (String, String)
    ) throws -> Int64 {
        let meetingDay = workingDay(-meetingDaysAgo, from: now)
        let meeting = try database.addMeeting(
            body: team, title: "Feedback to the council", startsAt: try time.parseDateTime("\(meetingDay) 14:00"),
            endsAt: try time.parseDateTime("\(meetingDay) 15:30"), locationName: place.0, address: place.1, actor: .demo)
        let item = try database.addAgendaItem(
            meetingId: meeting.id!, title: "Peer challenge report", type: .report,
            decision: "The team presented its findings; the Leader and the Chief Executive received the report and its recommendations.",
            rule: rule, actor: .demo)
        let paper = try database.addPaper(
            itemId: item.id!, title: title, author: "Peer challenge team", markdown: markdown, kind: .peerChallengeReport,
            now: daysAgo(publishedDaysAgo + 2, from: now), actor: .demo)
        _ = try database.publishAgenda(meetingId: meeting.id!, at: try inGoodTime(before: meeting.startsAt), rule: rule, actor: .demo)
        _ = try database.publishPaper(
            id: paper.id!, renderer: renderer, at: daysAgo(publishedDaysAgo, from: now), rule: rule,
            lateReason: "A peer challenge report is written after the on-site visit and published once the council has checked it for accuracy.",
            actor: .demo)
        _ = try database.setMeetingStatus(meetingId: meeting.id!, status: .held, actor: .demo)
        return paper.id!
    }
}
