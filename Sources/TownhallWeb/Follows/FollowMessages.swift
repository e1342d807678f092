import Foundation
import TownhallDomain
import TownhallStore

/// The words of every message to a follower. Links are written `{{site}}/path` (the mailer puts in the site's
/// address) from `SiteURL`, so a message can only link to a route that exists.
struct FollowMessages: Sendable {
    let siteName: String

    func confirmation(_ follow: Follow) -> (subject: String, body: String) {
        ("Confirm: follow \(follow.targetTitle) on \(siteName)", """
            Someone, we hope you, asked to follow \(follow.targetTitle) on \(siteName) with this address \
            (\(follow.frequency.label.lowercased())).

            To start, confirm here (the link works for \(Int(FollowLimits.confirmationLifetime / 86_400)) days):
            {{site}}\(SiteURL.followConfirm(token: follow.token).path)

            If it was not you, ignore this message: nothing will be sent unless the link is used.
            """)
    }

    func alreadyFollowing(_ follow: Follow) -> (subject: String, body: String) {
        ("You already follow \(follow.targetTitle) on \(siteName)", """
            Someone asked to follow \(follow.targetTitle) on \(siteName) with this address, which already follows it. \
            Nothing has changed.

            To change how often you hear, or to stop:
            {{site}}\(SiteURL.follows(token: follow.token).path)
            """)
    }

    func alerts(_ batch: AlertBatch, time: LocalTime) -> (subject: String, body: String) {
        let follow = batch.follow
        let subject: String
        if follow.frequency == .weekly {
            subject = "This week: \(batch.events.count) update\(batch.events.count == 1 ? "" : "s") on \(follow.targetTitle)"
        } else if batch.events.count == 1, let event = batch.events.first {
            subject = "\(event.kind.label): \(event.title)"
        } else {
            subject = "\(batch.events.count) updates on \(follow.targetTitle)"
        }
        let entries = batch.events.map { event in
            var lines = ["\(event.kind.label) (\(time.dateTime(event.at)))", event.title]
            if !event.detail.isEmpty { lines.append(event.detail) }
            lines.append("{{site}}\(Self.url(event.link).path)")
            return lines.joined(separator: "\n")
        }
        return (subject, """
            You follow \(follow.targetTitle) on \(siteName).

            \(entries.joined(separator: "\n\n"))

            Change how often you hear, or stop following:
            {{site}}\(SiteURL.follows(token: follow.token).path)
            Stop this one now:
            {{site}}\(SiteURL.unsubscribe(token: follow.token).path)
            """)
    }

    /// The page an event links to.
    static func url(_ link: EventLink) -> SiteURL {
        switch link {
        case .meeting(let id): .meeting(id)
        case .paper(let id): .paper(id)
        case .recommendation(let id): .recommendation(id)
        case .body(let slug): .bodyPage(slug: slug)
        }
    }

    /// The page a target is shown on.
    static func url(_ target: FollowTarget) -> String {
        switch target.kind {
        case .body: SiteURL.bodyPage(slug: target.key).path
        case .meeting: SiteURL.meeting(target.id!).path
        case .inquiry: SiteURL.inquiry(slug: target.key).path
        case .recommendation: SiteURL.recommendation(target.id!).path
        case .organisation: SiteURL.organisation(slug: target.key).path
        case .search: SiteURL.search.path(query: [(.q, target.key)])
        }
    }
}
