import Foundation
import GRDB

/// What a signed-in person may do. Clerks act only for the bodies linked to them; providers answer
/// recommendations for their own organisation.
public enum UserRole: String, Codable, Sendable, CaseIterable {
    case administrator, clerk, provider
}

/// A person who signs in. Only a bcrypt hash of the password is stored.
public struct User: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var email: String
    public var name: String
    public var role: UserRole
    public var organisation: String?
    public var passwordHash: String
    public var isDisabled: Bool
    public var createdAt: Date
    /// The organisation a provider answers for.
    public var organisationId: Int64? = nil
    public static let databaseTableName = "user"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A signed-in browser. The cookie holds a random token; the store keeps only its SHA-256, so a copy of the
/// database cannot be used to sign in.
public struct Session: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var tokenHash: String
    public var userId: Int64
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public static let databaseTableName = "session"
}

/// One line of the audit trail: who did what to which object, and when.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var at: Date
    public var actor: String
    public var userId: Int64?
    public var action: String
    public var objectType: String
    public var objectId: Int64?
    public var details: String
    public static let databaseTableName = "auditLog"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Who is making a change, for the audit log: a signed-in user or a named command-line operator.
public struct Actor: Sendable, Equatable {
    public var label: String
    public var userId: Int64?
    /// The name shown publicly where a person's action is part of the record (an extension, a response).
    public var publicName: String

    public init(label: String, userId: Int64? = nil, publicName: String? = nil) {
        self.label = label
        self.userId = userId
        self.publicName = publicName ?? "Administrator"
    }

    public static func user(_ user: User) -> Actor { Actor(label: "user:\(user.email)", userId: user.id, publicName: user.name) }

    /// The operating-system account running the CLI.
    public static var commandLine: Actor {
        let name = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
        return Actor(label: "cli:\(name.isEmpty ? "unknown" : name)")
    }

    public static let demo = Actor(label: "system:demo-seed")
}

extension Database {
    /// Writes an audit line in the caller's transaction, so the log and the change stand or fall together.
    func audit(_ actor: Actor, _ action: String, _ objectType: String, _ objectId: Int64?, _ details: String = "", at date: Date = Date()) throws {
        var entry = AuditEntry(
            at: date, actor: actor.label, userId: actor.userId, action: action, objectType: objectType, objectId: objectId,
            details: details)
        try entry.insert(self)
    }
}
