import TownhallDomain

/// "Get email alerts" and the matching Atom feed, for a page about something a resident can follow. Both links
/// name the target by the same two query values, `kind` and `key`.
struct FollowLink: Sendable, Encodable {
    let url: String
    let feedURL: String
    let noun: String

    init(_ target: FollowTarget) {
        url = SiteURL.follow(target).path
        feedURL = SiteURL.updatesFeed(target).path
        noun = target.kind.noun
    }

    /// The target a request names in its query, or nil.
    static func target(_ query: FormData) -> FollowTarget? {
        FollowTarget(kind: query.text(.kind), key: query.text(.key))
    }
}
