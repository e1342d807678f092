import Foundation
import TownhallDomain
import TownhallStore

/// The words of every message to someone who sent a question or evidence. Links are written `{{site}}/path` (the
/// mailer puts in the site's address) from `SiteURL`. The CLI's decisions send the same words.
public struct ContributionMessages: Sendable {
    let siteName: String
    let time: LocalTime

    public init(siteName: String, time: LocalTime) {
        self.siteName = siteName
        self.time = time
    }

    public func confirmation(_ contribution: Contribution, _ window: ContributionWindow, _ about: String) -> (subject: String, body: String)? {
        ("Confirm your \(contribution.kind.noun) to \(about)", """
            Someone, we hope you, sent this \(contribution.kind.noun) to \(about) on \(siteName) with this address.

            To send it to the clerk, confirm here by \(window.closingPhrase(time: time)):
            {{site}}\(SiteURL.contribution(token: contribution.token).path)

            If it was not you, ignore this message: nothing is sent to the clerk and nothing is published unless the link is used.
            """)
    }

    public func decision(_ contribution: Contribution, _ window: ContributionWindow, _ about: String) -> (subject: String, body: String)? {
        let noun = contribution.kind.noun
        switch contribution.state {
        case .accepted where contribution.answer != nil:
            guard let meetingId = window.meetingId else { return nil }
            return ("Your question to \(about) has been answered", """
                Your question has been answered (\(contribution.answeredBy ?? "")):

                \(contribution.answer ?? "")

                The question and its answer are published on the meeting's page:
                {{site}}\(SiteURL.meeting(meetingId).path)#public-questions
                """)
        case .accepted:
            let link = window.meetingId.map { SiteURL.meeting($0).path + "#public-questions" } ?? SiteURL.evidence(contribution.id!).path
            let when = contribution.kind == .question
                ? "It is published with your name once the meeting's agenda is published, and its answer when it is given."
                : "It is now published with your name as written evidence to the inquiry."
            return ("Your \(noun) to \(about) has been accepted", """
                The clerk has accepted your \(noun). \(when)

                {{site}}\(link)
                """)
        case .rejected:
            return ("Your \(noun) to \(about) was not accepted", """
                The clerk did not accept your \(noun), for this reason:

                \(contribution.reason ?? "")

                It has not been published. If you think this is wrong, reply to the clerk using the contact details on the body's pages.
                """)
        case .merged:
            guard let meetingId = window.meetingId else { return nil }
            return ("Your question to \(about) has been merged", """
                Your question asks what another accepted question asks, so the clerk has merged them: it is answered together, \
                and your name is published with it as also asking.

                {{site}}\(SiteURL.meeting(meetingId).path)#public-questions
                """)
        case .unconfirmed, .received:
            return nil
        }
    }
}
