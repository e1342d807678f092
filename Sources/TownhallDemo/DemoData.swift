import Foundation
import TownhallDomain
import TownhallMarkdown
import TownhallStore

/// A realistic demo through the same write paths the CLI uses: a Policing Board for a two-council force area,
/// an LPAC and an education panel, with past and upcoming meetings, published and draft papers (with tables),
/// an attachment, a cancelled meeting, and exempt items whose papers must never reach the public.
public struct DemoData: Sendable {
    let database: AppDatabase
    let files: AttachmentFiles
    let rule: PublicationRule
    var time: LocalTime { rule.time }

    public init(database: AppDatabase, files: AttachmentFiles, rule: PublicationRule) {
        self.database = database
        self.files = files
        self.rule = rule
    }

    @discardableResult
    public func seed(now: Date) throws -> String {
        if try !database.list(Body.self).isEmpty {
            throw TownhallError.conflict("the store already has bodies; demo seed only fills an empty store")
        }
        let renderer = MarkdownRenderer()
        func at(_ days: Int, _ clock: String) throws -> Date { try officeTime(days, clock, from: now) }
        func publish(_ id: Int64?, _ daysAgo: Int = 7) throws {
            _ = try database.publishPaper(
                id: id!, renderer: renderer, at: try officeTime(-daysAgo, "09:30", from: now), rule: rule,
                lateReason: "Figures were confirmed by the force's finance team after the deadline.", actor: .demo)
        }
        /// Demo agendas published after the deadline say why, as a clerk must. Both at 09:30 on a working day.
        func publishAgenda(_ id: Int64?, _ daysAgo: Int) throws {
            _ = try database.publishAgenda(
                meetingId: id!, at: try officeTime(-daysAgo, "09:30", from: now), rule: rule,
                lateReason: "An urgent item was added after the deadline.", actor: .demo)
        }
        let today = time.day(of: now)
        // Seats run from the first working day of May (the annual meeting), never a bank holiday.
        let mayFirst = String(today.prefix(4)) + "-05-01" > today
            ? String(Int(today.prefix(4))! - 1) + "-05-01" : String(today.prefix(4)) + "-05-01"
        let yearStart = rule.workingDays.onOrAfter(Day(mayFirst)!).description

        // `.example` addresses (RFC 2606): the demo's councils are made up, and so are their registers.
        _ = try database.addAuthority(
            slug: "harford-city", name: "Harford City Council", kind: .unitary,
            registerOfInterestsURL: "https://www.harford.example/councillors/register-of-interests", actor: .demo)
        _ = try database.addAuthority(
            slug: "marsh-vale", name: "Marsh Vale Council", kind: .unitary,
            registerOfInterestsURL: "https://www.marshvale.example/your-council/members-interests", actor: .demo)

        // Policing Board: two councils, so each leader plus a lead member per council.
        _ = try database.addBody(
            slug: "harford-policing-board", name: "Harford and Marsh Vale Policing Board", kind: .policingBoard,
            description: "The leaders of the two councils in the Harford and Marsh Vale police force area, with a lead member from each. The Board sets the force budget and precept, appoints the Chief Constable and agrees the policing plan.",
            area: "Harford and Marsh Vale police force area", councils: ["harford-city", "marsh-vale"], actor: .demo)
        try seat("harford-policing-board", since: yearStart, [
            ("cllr-amara-okafor", "Councillor Amara Okafor", "Leader, Harford City Council", .chair, .leader, "harford-city"),
            ("cllr-david-lloyd", "Councillor David Lloyd", "Leader, Marsh Vale Council", .viceChair, .leader, "marsh-vale"),
            ("cllr-priya-shah", "Councillor Priya Shah", "Cabinet Member for Community Safety, Harford City Council", .member, .leadMember, "harford-city"),
            ("cllr-tom-greaves", "Councillor Tom Greaves", "Lead Member for Communities, Marsh Vale Council", .member, .leadMember, "marsh-vale"),
        ])

        _ = try database.addBody(
            slug: "harford-lpac", name: "Harford Local Public Accounts Committee", kind: .lpac,
            description: "Backbench councillors with lay and service-user members. The committee takes evidence from any public service in the area and makes recommendations, which the service must answer within two months.",
            area: "Harford City Council area", actor: .demo)
        try seat("harford-lpac", since: yearStart, [
            ("cllr-helen-marsh", "Councillor Helen Marsh", "Backbench councillor, Harford City Council", .chair, .backbenchCouncillor, "harford-city"),
            ("cllr-raj-patel", "Councillor Raj Patel", "Backbench councillor, Harford City Council", .member, .backbenchCouncillor, "harford-city"),
            ("sarah-whitfield", "Sarah Whitfield", "Lay member (chartered accountant)", .layMember, .layMember, nil),
            ("kwame-mensah", "Kwame Mensah", "Service-user representative, Harford Carers' Forum", .coOpted, .serviceUser, nil),
        ])

        _ = try database.addBody(
            slug: "harford-education-panel", name: "Harford Local Education Panel", kind: .educationPanel,
            description: "Lead members, the Director of Children's Services, head teacher, governor and parent representatives supporting the Director of School Standards on a long-term plan for schools.",
            area: "Harford City Council area", actor: .demo)
        try seat("harford-education-panel", since: yearStart, [
            ("cllr-lucy-bennett", "Councillor Lucy Bennett", "Lead Member for Children and Schools, Harford City Council", .chair, .leadMember, "harford-city"),
            ("mark-ellison", "Mark Ellison", "Director of Children's Services, Harford City Council", .member, .directorOfChildrensServices, "harford-city"),
            ("anne-fraser", "Anne Fraser", "Head teacher, St Aidan's Primary School", .coOpted, .headTeacher, nil),
            ("gareth-owen", "Gareth Owen", "Chair of governors, Harford Academy", .coOpted, .governor, nil),
            ("nadia-rahman", "Nadia Rahman", "Parent representative", .coOpted, .parent, nil),
        ])

        let chamber = "Council Chamber, Harford Civic Centre"
        let chamberAddress = "Market Square, Harford HF1 1AA"
        let committeeRoom = "Committee Room 2, Marsh Vale Town Hall"

        // Past board meeting: the policing plan, with an exempt appraisal item.
        let pastBoard = try database.addMeeting(
            body: "harford-policing-board", title: "Board meeting", startsAt: try at(-30, "10:00"),
            endsAt: try at(-30, "12:30"), locationName: chamber, address: chamberAddress, actor: .demo)
        try addProcedural(pastBoard.id!)
        try noticeOfPrivateBusiness(pastBoard, "Chief Constable: annual performance review", .individual)
        let planItem = try database.addAgendaItem(
            meetingId: pastBoard.id!, title: "Policing plan 2026 to 2029: strategic priorities", type: .decision,
            decision: "The Board agreed the policing plan 2026 to 2029 and its four strategic priorities, with neighbourhood policing to be reported on quarterly.", rule: rule, actor: .demo)
        let plan = try database.addPaper(
            itemId: planItem.id!, title: "Policing plan 2026 to 2029", author: "Chief Executive to the Board",
            markdown: DemoPapers.policingPlan, kind: .strategicPlan, now: now, actor: .demo)
        try publish(plan.id, 40)
        let appraisal = try database.addAgendaItem(
            meetingId: pastBoard.id!, title: "Chief Constable: annual performance review", type: .decision,
            exemption: try Exemption(
                paragraph: .individual,
                publicInterestReason: "The review discusses an individual officer's performance; the Chief Constable's reasonable expectation of confidentiality outweighs the interest in disclosure, and the outcome is reported in public."),
            rule: rule, actor: .demo)
        let appraisalPaper = try database.addPaper(
            itemId: appraisal.id!, title: "Chief Constable performance review (exempt)", author: "Chair of the Board",
            markdown: "# Confidential\n\nThis exempt report must never be published.", now: now, actor: .demo)
        try publish(appraisalPaper.id, 40)
        try publishAgenda(pastBoard.id, 40)
        _ = try database.setMeetingStatus(meetingId: pastBoard.id!, status: .held, actor: .demo)
        // Who came: most in the room, one by video, one with apologies; and one interest declared.
        // Only members whose seats had begun by then (early in May, the year's seats are newer than the meeting).
        let heldOn = time.day(of: pastBoard.startsAt)
        let boardMembers = try database.list(Membership.self)
            .filter { $0.bodyId == pastBoard.bodyId && $0.startDate <= heldOn && ($0.endDate ?? heldOn) >= heldOn }.map(\.personId)
        let pattern: [AttendanceStatus] = [.present, .present, .remote, .apologies]
        if !boardMembers.isEmpty { try database.recordAttendance(
            meetingId: pastBoard.id!, statuses: Dictionary(uniqueKeysWithValues: boardMembers.enumerated().map { ($1, pattern[$0 % pattern.count]) }),
            actor: .demo) }
        for (name, role) in [("Priya Shah", "Clerk to the Board"), ("Martin Cole", "Treasurer to the Board"),
                             ("Chief Constable Helen Ward", "Harford and Marsh Vale Police")] {
            try database.addOfficer(meetingId: pastBoard.id!, name: name, role: role, actor: .demo)
        }
        if let first = boardMembers.first {
            _ = try database.addDeclaration(
                meetingId: pastBoard.id!, personId: first, agendaItemId: planItem.id, kind: .otherRegisterable,
                interest: "Trustee of Marsh Vale Victim Support, a partner named in the plan.", actor: .demo)
        }

        // Next board meeting: the budget and precept, with a published budget paper, a draft, a CSV and an exempt item.
        let budgetMeeting = try database.addMeeting(
            body: "harford-policing-board", title: "Budget and precept meeting", startsAt: try at(21, "10:00"),
            endsAt: try at(21, "13:00"), locationName: chamber, address: chamberAddress, actor: .demo)
        try addProcedural(budgetMeeting.id!)
        try seedQuestions(meetingId: budgetMeeting.id!, now: now)
        try database.setMeetingAccess(meetingId: budgetMeeting.id!, MeetingAccess(
            webcastURL: "https://www.harford.example/webcasts/policing-board", contactName: "Priya Shah, Clerk to the Board",
            contactEmail: "board.clerk@harford.example", contactPhone: "01632 960 123",
            howToAttend: "The Council Chamber is on the ground floor, with step-free access from Civic Square and a hearing loop.\nAnyone may watch from the public gallery; to speak on an item, tell the clerk by noon two working days before."),
            actor: .demo)
        try noticeOfPrivateBusiness(budgetMeeting, "Estates: disposal of the former Marsh Vale police station", .financialAffairs)
        let budgetItem = try database.addAgendaItem(
            meetingId: budgetMeeting.id!, title: "Force budget and police precept 2027/28", type: .decision, rule: rule, actor: .demo)
        let budget = try database.addPaper(
            itemId: budgetItem.id!, title: "Force budget and precept 2027/28", author: "Treasurer to the Board",
            markdown: DemoPapers.budget, now: now, actor: .demo)
        try publish(budget.id, 2)
        _ = try database.addPaper(
            itemId: budgetItem.id!, title: "Capital programme 2027 to 2031 (draft)", author: "Treasurer to the Board",
            markdown: DemoPapers.capitalDraft, now: now, actor: .demo)
        _ = try database.attach(
            itemId: budgetItem.id!, paperId: budget.id, fileName: "budget-2027-28.csv", data: Data(DemoPapers.budgetCSV.utf8),
            files: files, maxBytes: 1_048_576, now: now, actor: .demo)
        let estates = try database.addAgendaItem(
            meetingId: budgetMeeting.id!, title: "Estates: disposal of the former Marsh Vale police station", type: .decision,
            exemption: try Exemption(
                paragraph: .financialAffairs,
                publicInterestReason: "Disclosing the bids before contracts are exchanged would weaken the Board's negotiating position and could lower the price the public receives."),
            rule: rule, actor: .demo)
        let estatesPaper = try database.addPaper(
            itemId: estates.id!, title: "Heads of terms for sale (exempt)", author: "Director of Estates",
            markdown: "Offer received: **£1,150,000** from the preferred bidder.", now: now, actor: .demo)
        try publish(estatesPaper.id, 2)
        try publishAgenda(budgetMeeting.id, 2)

        let laterBoard = try database.addMeeting(
            body: "harford-policing-board", title: "Board meeting", startsAt: try at(49, "14:00"), endsAt: nil,
            locationName: committeeRoom, address: "High Street, Marsh Vale MV2 3BB", actor: .demo)
        try addProcedural(laterBoard.id!)

        // LPAC: a held evidence session and a cancelled planning meeting.
        let evidence = try database.addMeeting(
            body: "harford-lpac", title: "Evidence session: delays in hospital discharge", startsAt: try at(-130, "18:00"),
            endsAt: try at(-130, "20:00"), locationName: chamber, address: chamberAddress, actor: .demo)
        try addProcedural(evidence.id!)
        let evidenceItem = try database.addAgendaItem(
            meetingId: evidence.id!, title: "Evidence from Harford and Marsh NHS Foundation Trust", type: .report,
            rule: rule, actor: .demo)
        let brief = try database.addPaper(
            itemId: evidenceItem.id!, title: "Briefing: discharge delays at Harford General Hospital",
            author: "Scrutiny Officer", markdown: DemoPapers.dischargeBriefing, now: now, actor: .demo)
        try publish(brief.id, 138)
        try publishAgenda(evidence.id, 138)
        _ = try database.setMeetingStatus(meetingId: evidence.id!, status: .held, actor: .demo)

        try seedInquiryReport(at: at, now: now, renderer: renderer, chamber: chamber, address: chamberAddress)
        try seedInquiry(evidenceMeeting: evidence, evidenceItem: evidenceItem.id!, now: now, renderer: renderer)
        try seedBoardDecisions(planMeeting: pastBoard.id!, planPaper: plan.id!, now: now)
        try seedForwardPlan(laterBoard: laterBoard, now: now)
        try seedCallForEvidence(now: now)
        try seedPerformance(policingPlanPaper: plan.id!)
        try seedSpending()

        let planning = try database.addMeeting(
            body: "harford-lpac", title: "Inquiry planning meeting", startsAt: try at(5, "18:00"), endsAt: nil,
            locationName: committeeRoom, address: nil, actor: .demo)
        _ = try database.setMeetingStatus(
            meetingId: planning.id!, status: .cancelled, reason: "The items are not ready: they go to the February meeting instead.", actor: .demo)

        // Education panel: the long-term plan.
        let panel = try database.addMeeting(
            body: "harford-education-panel", title: "Panel meeting", startsAt: try at(35, "16:30"),
            endsAt: try at(35, "18:30"), locationName: chamber, address: chamberAddress, actor: .demo)
        try addProcedural(panel.id!)
        let planDraft = try database.addAgendaItem(
            meetingId: panel.id!, title: "Long-term plan for school standards: consultation draft", type: .report,
            rule: rule, actor: .demo)
        let schools = try database.addPaper(
            itemId: planDraft.id!, title: "Long-term plan for school standards 2027 to 2032", author: "Director of School Standards",
            markdown: DemoPapers.schoolsPlan, kind: .strategicPlan, now: now, actor: .demo)
        try publish(schools.id, 1)
        try publishAgenda(panel.id, 1)
        try seedAnnualReport(at: at, now: now, chamber: chamber, address: chamberAddress)
        try seedPeerChallenges(at: at, now: now, renderer: renderer, chamber: chamber, address: chamberAddress)

        let papers = try database.list(Paper.self)
        return "seeded demo: \(try database.list(Body.self).count) bodies, \(try database.list(Meeting.self).count) meetings, "
            + "\(papers.count) papers (\(papers.filter { $0.status == .draft }.count) draft), "
            + "\(try database.list(Attachment.self).count) attachment, \(try database.list(Recommendation.self).count) recommendations"
    }

    /// The LPAC's final report on hospital discharge: recommendations to the NHS trust (answered, one rejected)
    /// and the council (not answered, so late), plus a Policing Board recommendation still within its time.
    func seedInquiryReport(
        at: (Int, String) throws -> Date, now: Date, renderer: MarkdownRenderer, chamber: String, address: String
    ) throws {
        let deadlines = Deadlines(workingDays: rule.workingDays, time: rule.time)
        func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(Double(-days) * 86_400) }
        let police = try database.addOrganisation(slug: "harford-police", name: "Harford and Marsh Vale Police", kind: .policeForce, actor: .demo)
        let trust = try database.addOrganisation(
            slug: "harford-nhs", name: "Harford and Marsh NHS Foundation Trust", kind: .nhsTrust, actor: .demo)
        let council = try database.addOrganisation(
            slug: "harford-council", name: "Harford City Council", kind: .council, authority: "harford-city", actor: .demo)
        try database.addReferralBody(
            slug: "harford-health-and-wellbeing-board", name: "Harford Health and Wellbeing Board", kind: .local, actor: .demo)
        _ = try database.addOrganisation(slug: "vale-academies", name: "Vale Academies Trust", kind: .academyTrust, actor: .demo)

        let meeting = try database.addMeeting(
            body: "harford-lpac", title: "Inquiry report: delays in hospital discharge", startsAt: try at(-90, "18:00"),
            endsAt: try at(-90, "19:30"), locationName: chamber, address: address, actor: .demo)
        let item = try database.addAgendaItem(
            meetingId: meeting.id!, title: "Final report of the hospital discharge inquiry", type: .decision,
            decision: "The committee agreed the final report and its three recommendations.", rule: rule, actor: .demo)
        let report = try database.addPaper(
            itemId: item.id!, title: "Delays in hospital discharge: final report", author: "Chair of the LPAC",
            markdown: DemoPapers.dischargeReport, now: daysAgo(104), actor: .demo)
        _ = try database.publishPaper(id: report.id!, renderer: renderer, at: try inGoodTime(before: meeting.startsAt), rule: rule, actor: .demo)
        _ = try database.publishAgenda(meetingId: meeting.id!, at: try inGoodTime(before: meeting.startsAt), rule: rule, actor: .demo)
        _ = try database.setMeetingStatus(meetingId: meeting.id!, status: .held, actor: .demo)
        _ = try database.updateAgendaItem(
            id: item.id!, title: item.title, type: item.itemType, exemption: nil, decision: item.decision,
            reasons: "The evidence showed patients fit to leave hospital waiting a median of four days, most often for medicines to take home or for care to start.",
            alternatives: "Recommending only a joint discharge team was considered and rejected: the trust already has one and the delays continued.",
            actor: .demo)
        let texts: [(Organisation, String)] = [
            (trust, "Open a discharge lounge at Harford General Hospital staffed seven days a week."),
            (trust, "Provide pharmacy cover on Saturdays and Sundays so that medicines to take home are not a cause of delay."),
            (council, "Commission enough reablement care to start within 48 hours of a referral from the hospital."),
        ]
        var issued: [Recommendation] = []
        for (organisation, text) in texts {
            issued.append(try database.addRecommendation(paperId: report.id!, organisationId: organisation.id!, text: text, now: daysAgo(89), actor: .demo))
        }
        _ = try database.issueRecommendations(paperId: report.id!, at: daysAgo(88), deadlines: deadlines, actor: .demo)
        let trustActor = Actor(label: "system:demo-seed", publicName: "Director of Operations, Harford and Marsh NHS Foundation Trust")
        let targetDay = deadlines.time.day(of: now.addingTimeInterval(120 * 86_400))
        _ = try database.submitResponse(
            paperId: report.id!, organisationId: trust.id!,
            answers: [
                issued[0].id!: ResponseAnswer(
                    decision: .accepted, action: "A discharge lounge with 12 chairs and 4 beds opens on ward 3, staffed 8am to 8pm daily.",
                    targetDate: targetDay),
                issued[1].id!: ResponseAnswer(
                    decision: .rejected,
                    reasons: "Weekend pharmacy cover would cost £310,000 a year; prescriptions will instead be written the day before discharge."),
            ],
            basedOnVersion: 0, now: try at(-60, "11:40"), deadlines: deadlines, actor: trustActor)
        _ = try database.addImplementationUpdate(
            recommendationId: issued[0].id!, status: .inProgress, note: "Ward 3 refurbished; recruitment of two discharge nurses under way.",
            targetDate: targetDay, at: try at(-20, "14:25"), deadlines: deadlines, actor: trustActor)

        // A Policing Board recommendation to the force, issued recently and still within its time.
        let budgetPaper = try database.list(Paper.self).first { $0.title == "Force budget and precept 2027/28" }!
        _ = try database.addRecommendation(
            paperId: budgetPaper.id!, organisationId: police.id!,
            text: "Publish a quarterly report on response times in rural Marsh Vale against the 20-minute target.", now: daysAgo(2), actor: .demo)
        // Before the budget meeting has decided, so under the chair's delegated authority (`IssueRule`).
        _ = try database.issueRecommendations(
            paperId: budgetPaper.id!, at: daysAgo(2), deadlines: deadlines,
            authority: "Chair's action under paragraph 4 of the Board's scheme of delegation, so the force can report before the budget meeting",
            actor: .demo)
    }

    /// Adds people and gives each a seat on the body: (slug, name, title, role, category, council).
    func seat(_ body: String, since start: String, _ seats: [(String, String, String, MembershipRole, SeatCategory, String?)]) throws {
        for (slug, name, title, role, category, council) in seats {
            if try database.list(Person.self).first(where: { $0.slug == slug }) == nil {
                _ = try database.addPerson(slug: slug, name: name, title: title, actor: .demo)
            }
            _ = try database.addMember(
                person: slug, body: body, role: role, category: category, authority: council, startDate: start, endDate: nil,
                localTime: time, actor: .demo)
        }
    }

    func addProcedural(_ meetingId: Int64) throws {
        _ = try database.addAgendaItem(meetingId: meetingId, title: "Apologies for absence", type: .procedural, rule: rule, actor: .demo)
        _ = try database.addAgendaItem(meetingId: meetingId, title: "Declarations of interest", type: .procedural, rule: rule, actor: .demo)
    }
}
