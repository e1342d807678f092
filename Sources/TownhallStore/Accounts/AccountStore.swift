import Crypto
import Foundation
import GRDB
import HummingbirdBcrypt
import TownhallDomain

/// Limits that protect sign-in: how long sessions live and when repeated failures lock an account or address.
public struct SecurityPolicy: Sendable {
    public var bcryptCost: UInt8 = 12
    public var idleTimeout: TimeInterval = 2 * 3600
    public var absoluteTimeout: TimeInterval = 12 * 3600
    public var throttleWindow: TimeInterval = 15 * 60
    public var maxFailuresPerAccount = 5
    public var maxFailuresPerAddress = 20
    public var minimumPasswordLength = 12

    public init() {}
}

/// The outcome of a sign-in attempt. `invalid` never says whether the email exists.
public enum SignInResult: Sendable, Equatable {
    case success(User)
    case invalid
    case throttled
}

/// Accounts, sessions and the audit trail.
extension AppDatabase {
    public func addUser(
        email: String, name: String, role: UserRole, organisation: String?, password: String, bodies: [String],
        policy: SecurityPolicy, actor: Actor, now: Date? = nil
    ) throws -> User {
        let now = now ?? clock()
        let email = try Self.validEmail(email)
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw TownhallError.invalid("name must not be empty") }
        try Self.checkPassword(password, policy: policy)
        if role == .provider, (organisation ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw TownhallError.invalid("a provider account needs --organisation")
        }
        if role != .clerk, !bodies.isEmpty { throw TownhallError.invalid("only clerks are linked to bodies") }
        if role != .provider, organisation != nil { throw TownhallError.invalid("only providers answer for an organisation") }
        let hash = Bcrypt.hash(password, cost: policy.bcryptCost)
        do {
            return try writer.write { db in
                let answersFor = try organisation.map { try Self.find(Organisation.self, slug: $0, what: "organisation", db) }
                var user = User(
                    email: email, name: name, role: role, organisation: answersFor?.name, passwordHash: hash, isDisabled: false,
                    createdAt: now, organisationId: answersFor?.id)
                try user.insert(db)
                for slug in bodies {
                    let body = try Self.find(Body.self, slug: slug, what: "body", db)
                    try db.execute(sql: "INSERT INTO clerkBody(userId, bodyId) VALUES (?, ?)", arguments: [user.id, body.id])
                }
                try db.audit(actor, .add, .user, user.id, "\(email) as \(role.rawValue)\(bodies.isEmpty ? "" : " of \(bodies.joined(separator: ", "))")", at: now)
                return user
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw TownhallError.conflict("a user with email \(email) already exists")
        }
    }

    /// Sets a new password and signs the user out everywhere.
    public func resetPassword(email: String, password: String, policy: SecurityPolicy, actor: Actor) throws {
        try Self.checkPassword(password, policy: policy)
        let hash = Bcrypt.hash(password, cost: policy.bcryptCost)
        try writer.write { db in
            var user = try Self.user(email: email, db)
            user.passwordHash = hash
            try user.update(db)
            try Session.filter(Column("userId") == user.id).deleteAll(db)
            try db.audit(actor, .resetPassword, .user, user.id, user.email, at: clock())
        }
    }

    /// Disables an account and ends its sessions; the row stays for the audit trail.
    public func disableUser(email: String, actor: Actor) throws {
        try writer.write { db in
            var user = try Self.user(email: email, db)
            user.isDisabled = true
            try user.update(db)
            try Session.filter(Column("userId") == user.id).deleteAll(db)
            try db.audit(actor, .disable, .user, user.id, user.email, at: clock())
        }
    }

    /// Checks a password, recording the attempt. Unknown emails cost a bcrypt check too, so timing does not
    /// reveal which accounts exist; throttling applies per account and per address. The attempt is recorded as a
    /// failure before the password is checked, in the transaction that counts earlier failures, so parallel
    /// guesses cannot check more passwords than the limit; a correct password then marks it a success.
    public func signIn(email: String, password: String, address: String, policy: SecurityPolicy, now: Date) throws -> SignInResult {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        let since = now.addingTimeInterval(-policy.throttleWindow)
        let reserved: (user: User?, attempt: Int64)? = try writer.write { db in
            let accountFailures = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM loginAttempt WHERE email = ? AND NOT succeeded AND attemptedAt > ?", arguments: [email, since]) ?? 0
            let addressFailures = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM loginAttempt WHERE address = ? AND NOT succeeded AND attemptedAt > ?", arguments: [address, since]) ?? 0
            guard accountFailures < policy.maxFailuresPerAccount, addressFailures < policy.maxFailuresPerAddress else { return nil }
            try db.execute(
                sql: "INSERT INTO loginAttempt(email, address, attemptedAt, succeeded) VALUES (?, ?, ?, 0)", arguments: [email, address, now])
            let attempt = db.lastInsertedRowID
            try db.execute(sql: "DELETE FROM loginAttempt WHERE attemptedAt < ?", arguments: [now.addingTimeInterval(-86_400)])
            return (try User.filter(Column("email") == email).fetchOne(db), attempt)
        }
        guard let reserved else { return .throttled }
        let matches: Bool
        if let user = reserved.user {
            matches = Bcrypt.verify(password, hash: user.passwordHash)
        } else {
            _ = Bcrypt.hash(password, cost: policy.bcryptCost)  // same work as a real check
            matches = false
        }
        guard matches, let user = reserved.user, !user.isDisabled else { return .invalid }
        try writer.write { db in
            try db.execute(sql: "UPDATE loginAttempt SET succeeded = 1 WHERE id = ?", arguments: [reserved.attempt])
            try db.audit(.user(user), .signIn, .user, user.id, "", at: now)
        }
        return .success(user)
    }

    /// Starts a session and returns the cookie token. Always a new token, so a token planted before sign-in
    /// (session fixation) is worthless.
    public func startSession(userId: Int64, now: Date) throws -> (token: String, session: Session) {
        let token = Self.randomToken()
        let session = Session(tokenHash: Self.sha256(token), userId: userId, csrfToken: Self.randomToken(), createdAt: now, lastSeenAt: now)
        try writer.write { db in try session.insert(db) }
        return (token, session)
    }

    /// The live session and user for a cookie token; expired sessions are deleted and give nil. Most requests
    /// only read: the writer is taken just to delete an expired session or refresh `lastSeenAt` (once a minute).
    public func session(token: String, policy: SecurityPolicy, now: Date) async throws -> (Session, User)? {
        let hash = Self.sha256(token)
        let found = try await writer.read { db -> (Session, User?)? in
            guard let session = try Session.fetchOne(db, key: hash) else { return nil }
            return (session, try User.fetchOne(db, key: session.userId))
        }
        guard let found else { return nil }
        var session = found.0
        guard let user = found.1, !user.isDisabled,
              now.timeIntervalSince(session.lastSeenAt) <= policy.idleTimeout,
              now.timeIntervalSince(session.createdAt) <= policy.absoluteTimeout
        else {
            _ = try await writer.write { db in try Session.deleteOne(db, key: hash) }
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            let refreshed = session
            try await writer.write { db in try refreshed.update(db) }
        }
        return (session, user)
    }

    public func endSession(token: String) async throws {
        let hash = Self.sha256(token)
        _ = try await writer.write { db in try Session.deleteOne(db, key: hash) }
    }

    /// Ids of the bodies a clerk acts for; an administrator acts for all.
    public func bodyIds(for user: User) throws -> Set<Int64> {
        try writer.read { db in
            if user.role == .administrator { return Set(try Int64.fetchAll(db, sql: "SELECT id FROM body")) }
            guard user.role == .clerk else { return [] }
            return Set(try Int64.fetchAll(db, sql: "SELECT bodyId FROM clerkBody WHERE userId = ?", arguments: [user.id]))
        }
    }

    public func auditEntries(limit: Int = 100) throws -> [AuditEntry] {
        try writer.read { db in try AuditEntry.order(Column("id").desc).limit(limit).fetchAll(db) }
    }

    static func user(email: String, _ db: Database) throws -> User {
        guard let user = try User.filter(Column("email") == email.trimmingCharacters(in: .whitespaces).lowercased()).fetchOne(db) else {
            throw TownhallError.notFound("no user with email \(email)")
        }
        return user
    }

    static func validEmail(_ text: String) throws -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0.isWhitespace })
        else { throw TownhallError.invalid("\"\(text)\" is not an email address") }
        return email
    }

    static func checkPassword(_ password: String, policy: SecurityPolicy) throws {
        guard password.count >= policy.minimumPasswordLength else {
            throw TownhallError.invalid("the password must be at least \(policy.minimumPasswordLength) characters")
        }
    }

    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
