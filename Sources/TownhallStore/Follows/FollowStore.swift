import Foundation
import GRDB
import TownhallDomain

extension Follow: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "follow"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The text of a message to a follower, written by the web target (which knows the site's links) for the store to
/// queue in the same transaction as the change it belongs to.
public typealias FollowMessage = @Sendable (Follow) -> (subject: String, body: String)

/// The manage page's view of an address: the follow whose link was used, and every confirmed follow of the address.
public struct FollowOwner: Sendable, Equatable {
    public let follow: Follow
    public let all: [Follow]
}

extension AppDatabase {
    /// The name a resident sees for a target, or nil when it does not exist or is not public (a recommendation not
    /// yet issued on a public paper): nothing can be followed that the public cannot see.
    public func followTargetTitle(_ target: FollowTarget, time: LocalTime) throws -> String? {
        try writer.read { db in try Self.followTargetTitle(db, target, time: time) }
    }

    static func followTargetTitle(_ db: Database, _ target: FollowTarget, time: LocalTime) throws -> String? {
        switch target.kind {
        case .body:
            return try String.fetchOne(db, sql: "SELECT name FROM body WHERE slug = ?", arguments: [target.key])
        case .organisation:
            return try String.fetchOne(db, sql: "SELECT name FROM organisation WHERE slug = ?", arguments: [target.key])
        case .inquiry:
            return try String.fetchOne(db, sql: "SELECT 'Inquiry: ' || title FROM inquiry WHERE slug = ?", arguments: [target.key])
        case .meeting:
            guard let row = try Row.fetchOne(db, sql: """
                SELECT m.title, m.startsAt, b.name FROM meeting m JOIN body b ON b.id = m.bodyId WHERE m.id = ?
                """, arguments: [target.id])
            else { return nil }
            return "\(row["name"] as String): \(row["title"] as String), \(time.longDate(row["startsAt"] as Date))"
        case .recommendation:
            guard let row = try Row.fetchOne(db, sql: """
                SELECT r.number, b.name AS bodyName, o.name AS organisationName
                FROM \(PublicSQL.paperJoins) JOIN recommendation r ON r.paperId = p.id
                JOIN body b ON b.id = r.bodyId JOIN organisation o ON o.id = r.organisationId
                WHERE r.id = ? AND \(PublicSQL.recommendation)
                """, arguments: [target.id])
            else { return nil }
            return "Recommendation \(row["number"] as Int) of \(row["bodyName"] as String) to \(row["organisationName"] as String)"
        case .search:
            return "Papers matching “\(target.key)”"
        }
    }

    /// Asks an address to confirm a follow: a new follow (or the same unconfirmed one again, with the frequency
    /// now chosen) and its confirmation message, in one transaction. An address already following the target is
    /// told so by e-mail instead, so the page never says which addresses follow what. Refused, with a sentence for
    /// the form, past `FollowLimits`: confirmations per address per day, requests per client per hour, follows per
    /// address. Unconfirmed follows older than a confirmation's lifetime are forgotten first.
    @discardableResult
    public func requestFollow(
        email: String, target: FollowTarget, frequency: FollowFrequency, from client: String, now: Date, time: LocalTime,
        confirmation: FollowMessage, alreadyFollowing: FollowMessage
    ) throws -> Follow {
        if let problem = Follow.emailProblem(email) { throw TownhallError.invalid(problem) }
        return try writer.write { db in
            try db.execute(sql: "DELETE FROM follow WHERE confirmedAt IS NULL AND requestedAt < ?",
                           arguments: [now.addingTimeInterval(-FollowLimits.confirmationLifetime)])
            guard let title = try Self.followTargetTitle(db, target, time: time) else {
                throw TownhallError.notFound("there is nothing public to follow at \(target)")
            }
            let fromClient = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM follow WHERE requestedFrom = ? AND requestedAt > ?",
                                              arguments: [client, now.addingTimeInterval(-3600)]) ?? 0
            if !client.isEmpty, fromClient >= FollowLimits.requestsPerClientPerHour {
                throw TownhallError.conflict("Too many follow requests have come from your connection in the last hour. Try again later")
            }
            let sentToday = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM outbox WHERE recipient = ? COLLATE NOCASE AND kind = ? AND createdAt > ?
                """, arguments: [email, NotificationKind.followConfirmation.rawValue, now.addingTimeInterval(-24 * 3600)]) ?? 0
            if sentToday >= FollowLimits.confirmationsPerAddressPerDay {
                throw TownhallError.conflict(
                    "We have sent \(FollowLimits.confirmationsPerAddressPerDay) confirmation emails to this address today. Use the links in them, or try again tomorrow")
            }
            var follow: Follow
            if let existing = try Follow.filter(Column("email") == email && Column("targetKind") == target.kind.rawValue && Column("targetKey") == target.key)
                .fetchOne(db) {
                follow = existing
                if !existing.isConfirmed {
                    follow.frequency = frequency
                    follow.requestedAt = now
                    follow.requestedFrom = client
                    try follow.update(db)
                }
            } else {
                let held = try Follow.filter(Column("email") == email).fetchCount(db)
                if held >= FollowLimits.followsPerAddress {
                    throw TownhallError.conflict("This address already follows \(FollowLimits.followsPerAddress) things, the most one address can. Stop following some first")
                }
                follow = Follow(email: email, target: target, targetTitle: title, frequency: frequency, token: Self.randomToken(),
                                requestedAt: now, requestedFrom: client)
                try follow.insert(db)
            }
            let text = follow.isConfirmed ? alreadyFollowing(follow) : confirmation(follow)
            var message = OutboxMessage(
                kind: .followConfirmation, recipient: follow.email, subject: text.subject, body: text.body, createdAt: now, nextAttemptAt: now)
            try message.insert(db)
            return follow
        }
    }

    /// Confirms the follow a confirmation link names; nil when the link is unknown or has expired.
    public func confirmFollow(token: String, now: Date) throws -> Follow? {
        try writer.write { db in
            guard var follow = try Follow.filter(Column("token") == token).fetchOne(db) else { return nil }
            if follow.confirmedAt == nil {
                guard follow.requestedAt > now.addingTimeInterval(-FollowLimits.confirmationLifetime) else { return nil }
                follow.confirmedAt = now
                follow.lastDigestAt = now
                try follow.update(db)
            }
            return follow
        }
    }

    /// The follow a link names, with every confirmed follow of its address; nil for an unknown link.
    public func followOwner(token: String) throws -> FollowOwner? {
        try writer.read { db in
            guard let follow = try Follow.filter(Column("token") == token).fetchOne(db) else { return nil }
            let all = try Follow.filter(Column("email") == follow.email && Column("confirmedAt") != nil).order(Column("id")).fetchAll(db)
            return FollowOwner(follow: follow, all: all)
        }
    }

    /// Stops one follow of the address a link belongs to (the link's own follow when `id` is nil). Returns what was
    /// stopped, or nil when the link is unknown or the follow is not the address's.
    @discardableResult
    public func unfollow(token: String, id: Int64? = nil) throws -> Follow? {
        try writer.write { db in
            guard let owner = try Follow.filter(Column("token") == token).fetchOne(db) else { return nil }
            guard let follow = id == nil ? owner : try Follow.fetchOne(db, key: id), follow.email.lowercased() == owner.email.lowercased() else { return nil }
            try follow.delete(db)
            return follow
        }
    }

    /// Stops every follow of the address a link belongs to; returns how many.
    public func unfollowAll(token: String) throws -> Int {
        try writer.write { db in
            guard let owner = try Follow.filter(Column("token") == token).fetchOne(db) else { return 0 }
            return try Follow.filter(Column("email") == owner.email).deleteAll(db)
        }
    }

    /// Changes how often one of the address's follows is sent; false when it is not the address's.
    public func setFollowFrequency(token: String, id: Int64, frequency: FollowFrequency, now: Date) throws -> Bool {
        try writer.write { db in
            guard let owner = try Follow.filter(Column("token") == token).fetchOne(db),
                  var follow = try Follow.fetchOne(db, key: id), follow.email.lowercased() == owner.email.lowercased()
            else { return false }
            if follow.frequency != frequency {
                follow.frequency = frequency
                // A follow made weekly starts its week now rather than sending at once what it had queued.
                if frequency == .weekly { follow.lastDigestAt = now }
                try follow.update(db)
            }
            return true
        }
    }

    /// Every follow, or one address's, for the administrator's `follow list`.
    public func follows(email: String? = nil) throws -> [Follow] {
        try writer.read { db in
            var request = Follow.order(Column("email"), Column("id"))
            if let email { request = request.filter(Column("email") == email) }
            return try request.fetchAll(db)
        }
    }

    /// Removes one follow by id (the administrator's `follow remove`).
    public func removeFollow(id: Int64) throws -> Follow {
        try writer.write { db in
            guard let follow = try Follow.fetchOne(db, key: id) else { throw TownhallError.notFound("no follow with id \(id)") }
            try follow.delete(db)
            return follow
        }
    }
}
