import Foundation

/// What a signed-in person may do. Clerks act only for the bodies linked to them; providers answer
/// recommendations for their own organisation.
public enum UserRole: String, Codable, Sendable, CaseIterable {
    case administrator, clerk, provider
}

/// A person who signs in. Only a bcrypt hash of the password is stored.
public struct User: Codable, Sendable, Equatable {
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

    public init(
        id: Int64? = nil, email: String, name: String, role: UserRole, organisation: String? = nil, passwordHash:
        String, isDisabled: Bool, createdAt: Date, organisationId: Int64? = nil
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.organisation = organisation
        self.passwordHash = passwordHash
        self.isDisabled = isDisabled
        self.createdAt = createdAt
        self.organisationId = organisationId
    }
}

/// A signed-in browser. The cookie holds a random token; the store keeps only its SHA-256, so a copy of the
/// database cannot be used to sign in.
public struct Session: Codable, Sendable, Equatable {
    public var tokenHash: String
    public var userId: Int64
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(
        tokenHash: String, userId: Int64, csrfToken: String, createdAt: Date, lastSeenAt: Date
    ) {
        self.tokenHash = tokenHash
        self.userId = userId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// One line of the audit trail: who did what to which object, and when.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var id: Int64?
    public var at: Date
    public var actor: String
    public var userId: Int64?
    public var action: String
    public var objectType: String
    public var objectId: Int64?
    public var details: String

    public init(
        id: Int64? = nil, at: Date, actor: String, userId: Int64? = nil, action: String, objectType: String,
        objectId: Int64? = nil, details: String
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.userId = userId
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.details = details
    }
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

