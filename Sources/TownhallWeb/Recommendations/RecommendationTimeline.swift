import Foundation
import TownhallDomain
import TownhallStore

/// A recommendation's whole life as one dated list, oldest first (issue 18): where it came from (the inquiry, its
/// evidence sessions and witnesses, written evidence, the report and the meeting that agreed it), the issued text,
/// requests for more time and their decisions, extensions, holding replies, every response version with what it
/// changed, implementation updates, the referral and its outcome, the meetings it is called back to, and closing.
///
/// Each event carries one payload, rendered by its own part of the template (`RecommendationPageView.Answer`,
/// `.Request`, `.Holding`, `.Update`, each made from its record, or a plain `Note`).
/// Event fields are prefixed `event` so that a payload's empty value never picks up one of theirs (Mustache looks a
/// name it cannot find up in the enclosing contexts).
struct RecommendationTimeline: Sendable {
    struct Event: Sendable {
        let eventDate: String
        /// `yyyy-MM-dd` for `<time datetime>`.
        let eventISO: String
        let eventKind: String
        /// A meeting still to come.
        let isUpcoming: Bool
        let note: Note?
        let answer: RecommendationPageView.Answer?
        let asked: RecommendationPageView.Request?
        let decided: RecommendationPageView.Request?
        let holding: RecommendationPageView.Holding?
        let update: RecommendationPageView.Update?
        /// The referral's outcome, named apart from the clerk form's `outcome`.
        let outcomeText: String?
        /// Sorted by day, then by instant where there is one (a day-only event first), then as added.
        fileprivate let day: Day
        fileprivate let instant: Date?
    }

    /// A plain event: a heading (a link where there is a page), lines of text, links, and who or where.
    struct Note: Sendable {
        let noteTitle: String
        let noteURL: String?
        let noteLines: [String]
        let noteLinks: [Link]
        let noteHint: String?

        init(_ title: String, url: String? = nil, lines: [String?] = [], links: [Link] = [], hint: String? = nil) {
            noteTitle = title
            noteURL = url
            noteLines = lines.compactMap { $0?.nonEmpty }
            noteLinks = links
            noteHint = hint
        }
    }

    struct Link: Sendable {
        let linkTitle: String
        let linkURL: String
    }

    let events: [Event]
    let hasEvents: Bool

    /// `rule`: the response period the first due day was set by, as the page states it.
    init(_ detail: RecommendationDetail, rule: String, now: Date, time: LocalTime) {
        var events: [Event] = []
        func add(
            _ kind: String, day: Day, at instant: Date? = nil, upcoming: Bool = false, note: Note? = nil, answer: RecommendationPageView.Answer? = nil,
            asked: RecommendationPageView.Request? = nil, decided: RecommendationPageView.Request? = nil,
            holding: RecommendationPageView.Holding? = nil, update: RecommendationPageView.Update? = nil, outcomeText: String? = nil
        ) {
            events.append(Event(
                eventDate: time.longDate(day: day), eventISO: day.description, eventKind: kind, isUpcoming: upcoming, note: note, answer: answer,
                asked: asked, decided: decided, holding: holding, update: update, outcomeText: outcomeText, day: day, instant: instant))
        }
        func at(_ date: Date) -> Day { time.calendarDay(of: date) }
        func meetingLink(_ meeting: Meeting) -> String { SiteURL.meeting(meeting.id!).path }
        let record = detail.tracked.recommendation

        if let inquiry = detail.inquiry {
            if let opened = Day(inquiry.inquiry.openedOn) {
                add("Inquiry opened", day: opened, note: Note(
                    inquiry.inquiry.title, url: SiteURL.inquiry(slug: inquiry.inquiry.slug).path, lines: [inquiry.inquiry.scope],
                    links: inquiry.evidenceFiles.map(AttachmentLink.init).map { Link(linkTitle: "Evidence file: \($0.name)", linkURL: $0.url) }))
            }
            // The meeting that agreed the report may be a session too; it is listed once, below.
            for session in inquiry.sessions where session.meeting.meeting.id != detail.meeting.id {
                let meeting = session.meeting.meeting
                add("Evidence session", day: at(meeting.startsAt), at: meeting.startsAt, upcoming: meeting.startsAt > now, note: Note(
                    meeting.title, url: meetingLink(meeting), lines: session.witnesses.map { "Witness: \($0.name), \($0.role)" }))
            }
            for paper in inquiry.writtenEvidence {
                guard let published = paper.publishedAt else { continue }
                add("Written evidence", day: at(published), at: published, note: Note(paper.title, url: SiteURL.paper(paper.id).path))
            }
        }
        add("Agreed at a meeting", day: at(detail.meeting.startsAt), at: detail.meeting.startsAt, note: Note(
            detail.meeting.title, url: meetingLink(detail.meeting), lines: ["The report: \(detail.paper.title), recommendation \(record.number)."]))
        if let published = detail.paper.publishedAt {
            add("Report published", day: at(published), at: published, note: Note(detail.paper.title, url: SiteURL.paper(detail.paper.id!).path))
        }
        // The day first set; a later extension is its own event.
        let firstDue = (detail.extensions.first?.previousDueOn ?? record.dueOn).flatMap(Day.init).map(time.longDate(day:))
        let day = { RecommendationPageView.day($0, time: time) }
        if let issued = record.issuedAt {
            add("Issued", day: at(issued), at: issued, note: Note(
                "To \(detail.tracked.organisation.name)", lines: [record.text, firstDue.map { "Response due by \($0) (\(rule))." }],
                hint: record.issueAuthority.map { "Under delegated authority: \($0)" }))
        }
        for request in detail.extensionRequests {
            let view = RecommendationPageView.Request(request, time: time)
            add("Request for more time", day: at(request.requestedAt), at: request.requestedAt, asked: view)
            if let decided = request.decidedAt { add("Decision on more time", day: at(decided), at: decided, decided: view) }
        }
        // A granted request is also recorded as an extension; the decision above already says so.
        let grants = Set(detail.extensionRequests.compactMap(\.decidedAt))
        for extension_ in detail.extensions where !grants.contains(extension_.at) {
            add("Deadline extended", day: at(extension_.at), at: extension_.at, note: Note(
                "From \(day(extension_.previousDueOn)) to \(day(extension_.newDueOn))", lines: [extension_.reason],
                hint: "\(time.shortDate(extension_.at)), \(extension_.byName)"))
        }
        for note in detail.holdingNotes {
            add("Holding reply", day: at(note.at), at: note.at, holding: RecommendationPageView.Holding(note, time: time))
        }
        for (answer, view) in zip(detail.answers, RecommendationPageView.Answer.all(detail, time: time)) {
            guard let submitted = answer.response.submittedAt else { continue }
            add(view.isCorrection ? "Response corrected" : "Response", day: at(submitted), at: submitted, answer: view)
        }
        for update in detail.updates {
            add("Implementation update", day: at(update.at), at: update.at, update: RecommendationPageView.Update(update, time: time))
        }
        if let referred = record.referredAt, let body = record.referredTo {
            add("Referred", day: at(referred), at: referred, note: Note(
                "Referred to \(body)", lines: [record.referralReplyDueOn.map { "A reply is due by \(day($0))." }, record.referralNote]))
        }
        if let outcome = record.referralOutcome, let day = record.referralOutcomeOn.flatMap(Day.init) {
            add("Referral outcome", day: day, outcomeText: outcome)
        }
        for callBack in detail.callBacks {
            let meeting = callBack.meeting
            add("Called back to a meeting", day: at(meeting.startsAt), at: meeting.startsAt, upcoming: meeting.startsAt > now, note: Note(
                meeting.title, url: meetingLink(meeting),
                lines: ["Item \(callBack.item.number): \(callBack.item.title).",
                        callBack.isPublic ? nil : "Not public until the meeting's agenda is published."],
                hint: "Called back on \(time.shortDate(callBack.callBack.at)) by \(callBack.callBack.byName)"))
        }
        if let closed = record.closedAt {
            add("Closed", day: at(closed), at: closed, note: Note("Closed", lines: [record.closingNote]))
        }
        self.events = events.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.day != b.day { return a.day < b.day }
            switch (a.instant, b.instant) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return true
            case (_?, nil): return false
            default: return left.offset < right.offset
            }
        }.map(\.element)
        hasEvents = !self.events.isEmpty
    }
}
