import Foundation
import GRDB
import HummingbirdBcrypt
import TownhallDomain

/// A single-use link, valid for an hour, that lets someone who has forgotten their password choose a new one.
/// Only a hash of the token is stored, as for sessions.
public struct PasswordReset: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var userId: Int64
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?
    public static let databaseTableName = "passwordReset"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public init(
        id: Int64? = nil, userId: Int64, tokenHash: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil
    ) {
        self.id = id
        self.userId = userId
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

extension AppDatabase {
    public static let passwordResetLifetime: TimeInterval = 3600
    /// Links sent to one account per hour, so the form cannot be used to flood someone's inbox.
    public static let passwordResetsPerHour = 3

    /// Queues a reset e-mail when the address belongs to an active account that has had fewer than
    /// `passwordResetsPerHour` links in the last hour, and otherwise does nothing: the caller answers the same either
    /// way, so the form does not reveal who has an account. Returns the token (for tests), nil when none
    /// was sent.
    @discardableResult
    public func requestPasswordReset(email: String, baseURL: String, siteName: String, now: Date) throws -> String? {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        let token = Self.randomToken()
        return try writer.write { db -> String? in
            guard let user = try User.filter(Column("email") == email).fetchOne(db), !user.isDisabled else { return nil }
            let recent = try PasswordReset
                .filter(Column("userId") == user.id && Column("createdAt") > now.addingTimeInterval(-3600)).fetchCount(db)
            guard recent < Self.passwordResetsPerHour else { return nil }
            var reset = PasswordReset(
                userId: user.id!, tokenHash: Self.sha256(token), createdAt: now, expiresAt: now.addingTimeInterval(Self.passwordResetLifetime))
            try reset.insert(db)
            try db.enqueue(
                .passwordReset, to: [user.email], at: now, subject: "Choose a new \(siteName) password",
                body: """
                    Someone (we hope you) asked to reset the password of your \(siteName) account.

                    To choose a new password, open this link within an hour. It works once:
                    \(baseURL)/password-reset/\(token)

                    If you did not ask, ignore this email; your password stays as it is.
                    """)
            try db.audit(.user(user), .requestPasswordReset, .user, user.id, "", at: now)
            return token
        }
    }

    /// The account a reset link belongs to, while the link is unused, unexpired and the account active.
    public func passwordResetUser(token: String, now: Date) async throws -> User? {
        let hash = Self.sha256(token)
        return try await writer.read { db in
            guard let reset = try PasswordReset.filter(Column("tokenHash") == hash).fetchOne(db), reset.usedAt == nil, reset.expiresAt > now,
                  let user = try User.fetchOne(db, key: reset.userId), !user.isDisabled
            else { return nil }
            return user
        }
    }

    /// Sets the new password, uses up every open link of the account and ends all its sessions, in one transaction.
    public func completePasswordReset(token: String, password: String, policy: SecurityPolicy, now: Date) throws -> User {
        try Self.checkPassword(password, policy: policy)
        let hash = Bcrypt.hash(password, cost: policy.bcryptCost)
        let tokenHash = Self.sha256(token)
        return try writer.write { db in
            guard let reset = try PasswordReset.filter(Column("tokenHash") == tokenHash).fetchOne(db), reset.usedAt == nil, reset.expiresAt > now,
                  var user = try User.fetchOne(db, key: reset.userId), !user.isDisabled
            else { throw TownhallError.conflict("this link has expired or has already been used; ask for a new one") }
            user.passwordHash = hash
            try user.update(db)
            try db.execute(sql: "UPDATE passwordReset SET usedAt = ? WHERE userId = ? AND usedAt IS NULL", arguments: [now, user.id])
            try Session.filter(Column("userId") == user.id).deleteAll(db)
            try db.audit(.user(user), .resetPassword, .user, user.id, "by e-mail link", at: now)
            return user
        }
    }
}
