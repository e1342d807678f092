import Foundation
import TownhallDomain
import TownhallStore

/// Residents taking part in the demo: questions open for the budget meeting (one answered, one merged into it, one
/// waiting for the clerk), and a call for evidence on a second LPAC inquiry with one accepted submission and one
/// waiting. The demo sends no e-mail for them.
extension DemoData {
    private static let silent: ContributionMessage = { _, _, _ in nil }

    /// Opens questions for `meetingId` (before its agenda is published) and sends three, as residents would.
    func seedQuestions(meetingId: Int64, now: Date) throws {
        let deadlines = Deadlines(workingDays: rule.workingDays, time: time)
        let window = try database.openQuestions(
            meetingId: meetingId, clearDays: ContributionLimits.defaultQuestionClearDays, now: now, deadlines: deadlines, rule: rule, actor: .demo)
        let asked = try [
            ("Hannah Okafor", "hannah@example.org", "How much of the proposed precept rise will pay for neighbourhood officers in Marsh Vale, and how many more officers will that mean by March 2028?"),
            ("Tom Reid", "tom@example.org", "Will the extra precept money put more officers on the streets of Marsh Vale?"),
            ("Ade Bello", "ade@example.org", "Why does the budget cut the victims' services grant when the policing plan says victims come first?"),
        ].map { name, email, text in
            try submitAndConfirm(window: window, ContributionDraft(kind: .question, name: name, email: email, text: text), file: nil, now: now)
        }
        try database.decideContribution(id: asked[0], .accept, now: now, time: time, actor: .demo, message: Self.silent)
        try database.decideContribution(id: asked[1], .merge(into: asked[0]), now: now, time: time, actor: .demo, message: Self.silent)
        try database.decideContribution(
            id: asked[0], .answer(
                text: "About £2.1 million of the £4.6 million rise is for neighbourhood policing. The Chief Constable's plan is for 24 more neighbourhood officers across the force area by March 2028, 6 of them in Marsh Vale.",
                by: "The Chair"),
            now: now, time: time, actor: .demo, message: Self.silent)
    }

    /// A second inquiry, still taking evidence, with its call for evidence open for a month.
    func seedCallForEvidence(now: Date) throws {
        _ = try database.addInquiry(
            body: "harford-lpac", slug: "winter-urgent-care", title: "Winter pressures on urgent care",
            scope: "How the NHS trust, the ambulance service and the council plan together for winter, and what it costs each of them.",
            openedOn: time.day(of: daysAgo(10, from: now)), localTime: time, actor: .demo)
        let window = try database.openCallForEvidence(
            inquirySlug: "winter-urgent-care", closesOn: time.day(of: now.addingTimeInterval(30 * 86_400)), now: now, time: time, actor: .demo)
        let accepted = try submitAndConfirm(window: window, ContributionDraft(
            kind: .evidence, name: "Grace Mensah", email: "grace@example.org", organisation: "Harford Healthwatch",
            text: "Last winter 212 people told us about waits at Harford General's emergency department.\n\nThe most common problem was not the wait itself but not knowing how long it would be. We recommend that the trust publish live waiting times, as two neighbouring trusts already do."),
            file: ContributionFile(name: "healthwatch-winter-survey.csv", data: Data("month,responses,waited over 4 hours\nDecember,81,47\nJanuary,93,58\nFebruary,38,17\n".utf8)),
            now: now)
        try database.decideContribution(id: accepted, .accept, now: now, time: time, actor: .demo, message: Self.silent)
        _ = try submitAndConfirm(window: window, ContributionDraft(
            kind: .evidence, name: "Peter Hall", email: "peter@example.org",
            text: "My mother waited eleven hours for an ambulance after a fall in January. Nobody could tell us when one would come."),
            file: nil, now: now)
    }

    private func submitAndConfirm(window: ContributionWindow, _ draft: ContributionDraft, file: ContributionFile?, now: Date) throws -> Int64 {
        let sent = try database.submitContribution(
            windowId: window.id!, draft: draft, file: file, files: files, maxFileBytes: 1_048_576, from: "demo", now: now, time: time,
            confirmation: Self.silent)
        _ = try database.confirmContribution(token: sent.token, now: now, time: time)
        return sent.id!
    }
}
