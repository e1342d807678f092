import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

/// Reads a password from `--password-file` or, failing that, one line of standard input, so passwords never
/// appear in the process list or shell history. There is no default password.
func readPassword(file: String?) throws -> String {
    let raw: String
    if let file {
        raw = try readTextFile(file)
    } else {
        guard let line = readLine(strippingNewline: true) else {
            throw TownhallError.invalid("give the password on standard input or with --password-file")
        }
        raw = line
    }
    return raw.trimmingCharacters(in: .newlines)
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Sign-in accounts.", subcommands: [Add.self, ResetPassword.self, Disable.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account; the password is read from standard input.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Email address (the sign-in name)") var email: String
        @Option(help: "Full name") var name: String
        @Option(help: "Role: \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))") var role: String
        @Option(help: "Slug of the organisation a provider answers for (providers only)") var organisation: String?
        @Option(name: .customLong("body"), help: "Slug of a body the clerk acts for (repeatable)") var bodies: [String] = []
        @Option(help: "Read the password from this file instead of standard input") var passwordFile: String?

        func run() async throws {
            try await reportingErrors {
                let role = try parseChoice(UserRole.self, role, option: "role")
                let password = try readPassword(file: passwordFile)
                let (_, database) = try store.open()
                let user = try database.addUser(
                    email: email, name: name, role: role, organisation: organisation, password: password, bodies: bodies,
                    policy: SecurityPolicy(), actor: .commandLine)
                print("added \(user.role.rawValue) \(user.email) (id \(user.id!))")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password (from standard input) and end the user's sessions.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Email address") var email: String
        @Option(help: "Read the password from this file instead of standard input") var passwordFile: String?

        func run() async throws {
            try await reportingErrors {
                let password = try readPassword(file: passwordFile)
                let (_, database) = try store.open()
                try database.resetPassword(email: email, password: password, policy: SecurityPolicy(), actor: .commandLine)
                print("password reset for \(email.lowercased()); existing sessions ended")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Email address") var email: String

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try database.disableUser(email: email, actor: .commandLine)
                print("disabled \(email.lowercased())")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts (never their password hashes).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        struct Row: Encodable {
            var id: Int64, email: String, name: String, role: String, organisation: String?, disabled: Bool
        }

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let rows = try database.list(User.self).map {
                    Row(id: $0.id!, email: $0.email, name: $0.name, role: $0.role.rawValue, organisation: $0.organisation, disabled: $0.isDisabled)
                }
                try printList(rows, json: json) { "\($0.id)\t\($0.role)\t\($0.email)\t\($0.name)\($0.disabled ? "\tdisabled" : "")" }
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit trail.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show recent changes, newest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "How many entries") var limit = 50
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let time = LocalTime(timeZone: config.timeZone)
                try printList(try database.auditEntries(limit: limit), json: json) {
                    "\(time.isoLocal($0.at))\t\($0.actor)\t\($0.action)\t\($0.objectType)\($0.objectId.map { " \($0)" } ?? "")\t\($0.details)"
                }
            }
        }
    }
}
