import ArgumentParser
import Foundation
import TownhallDomain
import TownhallStore

/// Residents' follows, for an administrator: who follows what, and removing one (a complaint, a bounce).
struct FollowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow", abstract: "Residents' e-mail follows.", subcommands: [List.self, Remove.self])

    /// A follow as listed: never its token, which is the follower's private key to their follows.
    struct Line: Encodable {
        let id: Int64
        let email: String
        let target: String
        let title: String
        let frequency: String
        let confirmed: Bool
        let requestedAt: Date

        init(_ follow: Follow) {
            id = follow.id!
            email = follow.email
            target = follow.target.description
            title = follow.targetTitle
            frequency = follow.frequency.rawValue
            confirmed = follow.isConfirmed
            requestedAt = follow.requestedAt
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List follows, confirmed or waiting for confirmation.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this address's") var email: String?
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.follows(email: email).map(Line.init), json: json) {
                    "\($0.id)\t\($0.email)\t\($0.target)\t\($0.frequency)\t\($0.confirmed ? "confirmed" : "unconfirmed")\t\($0.title)"
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a follow; nothing more is sent for it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Follow id") var id: Int64

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let follow = try database.removeFollow(id: id)
                print("removed follow \(id): \(follow.email) no longer follows \(follow.targetTitle)")
            }
        }
    }
}
