import TownhallDomain
import TownhallStore

/// "Follow" a target: the address and how often, then "Check your email".
struct FollowFormView: Sendable {
    let csrf: String
    let action: String
    let kind: String
    let key: String
    let targetTitle: String
    let targetURL: String
    let feedURL: String
    let email: String
    let emailError: String?
    let frequencies: [Choice]
    let frequencyError: String?
    let sent: Bool
    let hasErrors: Bool
    let errors: [FormErrors.Entry]
    /// What is published and kept, said before the address is given.
    let lifetimeDays = Int(FollowLimits.confirmationLifetime / 86_400)
    let perHour = FollowLimits.messagesPerAddressPerHour

    init(csrf: String, target: FollowTarget, title: String, email: String = "", frequency: String = FollowFrequency.instant.rawValue,
         errors: FormErrors = FormErrors(), sent: Bool = false) {
        self.csrf = csrf
        action = Route.follow.path([])
        kind = target.kind.rawValue
        key = target.key
        targetTitle = title
        targetURL = FollowMessages.url(target)
        feedURL = FollowLink(target).feedURL
        self.email = email
        emailError = errors.message(for: .email)
        frequencies = FollowFrequency.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0.rawValue == frequency) }
        frequencyError = errors.message(for: .frequency)
        self.sent = sent
        hasErrors = !errors.isEmpty
        self.errors = errors.entries
    }
}

/// The page a message's link opens: confirm (when not yet confirmed), and every follow of the address with how
/// often it is sent and a button to stop it.
struct FollowsView: Sendable {
    struct Row: Sendable {
        let id: Int64
        let title: String
        let url: String
        let feedURL: String
        let frequencyLabel: String
        let otherFrequency: String
        let otherFrequencyLabel: String
    }

    let csrf: String
    let email: String
    let action: String
    let confirmAction: String
    let needsConfirming: Bool
    let pendingTitle: String
    let notice: String?
    let rows: [Row]
    let hasRows: Bool

    init(csrf: String, owner: FollowOwner, token: String, notice: String?) {
        self.csrf = csrf
        email = owner.follow.email
        action = SiteURL.follows(token: token).path
        confirmAction = SiteURL.followConfirm(token: token).path
        needsConfirming = !owner.follow.isConfirmed
        pendingTitle = owner.follow.targetTitle
        self.notice = notice
        rows = owner.all.map { follow in
            let other: FollowFrequency = follow.frequency == .instant ? .weekly : .instant
            return Row(
                id: follow.id!, title: follow.targetTitle, url: FollowMessages.url(follow.target), feedURL: FollowLink(follow.target).feedURL,
                frequencyLabel: follow.frequency.label, otherFrequency: other.rawValue, otherFrequencyLabel: other.label.lowercased())
        }
        hasRows = !rows.isEmpty
    }
}

/// The unsubscribe link's page: one button, which posts what a mail program's one-click unsubscribe posts.
struct UnsubscribeView: Sendable {
    let action: String
    let followTitle: String?
    let done: Bool
    /// The link's token is not (or no longer) known.
    let unknown: Bool
    let manageURL: String?
}
