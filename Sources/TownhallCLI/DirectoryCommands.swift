import ArgumentParser
import Foundation
import TownhallKit

struct AuthorityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authority", abstract: "Councils.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a council.")
        @OptionGroup var store: StoreOptions
        @Option(help: "URL slug, e.g. harford-city") var slug: String
        @Option(help: "Full name") var name: String
        @Option(help: "Kind: \(AuthorityKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind: String

        func run() async throws {
            try await reportingErrors {
                let kind = try parseChoice(AuthorityKind.self, kind, option: "kind")
                let (_, database) = try store.open()
                let record = try database.addAuthority(slug: slug, name: name, kind: kind, actor: .commandLine)
                print("added authority \(record.slug) (id \(record.id!))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List councils.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.list(Authority.self), json: json) { "\($0.slug)\t\($0.kind.rawValue)\t\($0.name)" }
            }
        }
    }
}

struct BodyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "body", abstract: "Boards, panels and committees.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a body.")
        @OptionGroup var store: StoreOptions
        @Option(help: "URL slug, e.g. harford-lpac") var slug: String
        @Option(help: "Full name") var name: String
        @Option(help: "Kind: \(BodyKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind: String
        @Option(help: "One-paragraph description") var description = ""
        @Option(help: "Area served") var area = ""

        func run() async throws {
            try await reportingErrors {
                let kind = try parseChoice(BodyKind.self, kind, option: "kind")
                let (_, database) = try store.open()
                let record = try database.addBody(slug: slug, name: name, kind: kind, description: description, area: area, actor: .commandLine)
                print("added body \(record.slug) (id \(record.id!))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List bodies.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.list(Body.self), json: json) { "\($0.slug)\t\($0.kind.rawValue)\t\($0.name)" }
            }
        }
    }
}

struct PersonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "People.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person.")
        @OptionGroup var store: StoreOptions
        @Option(help: "URL slug, e.g. cllr-amara-okafor") var slug: String
        @Option(help: "Name as published") var name: String
        @Option(help: "Public job title") var title = ""

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let record = try database.addPerson(slug: slug, name: name, title: title, actor: .commandLine)
                print("added person \(record.slug) (id \(record.id!))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List people.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.list(Person.self), json: json) { "\($0.slug)\t\($0.name)" }
            }
        }
    }
}

struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Memberships of bodies.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a person a seat on a body.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Person slug") var person: String
        @Option(help: "Body slug") var body: String
        @Option(help: "Role: \(MembershipRole.allCases.map(\.rawValue).joined(separator: ", "))") var role = "member"
        @Option(help: "Slug of the council the member represents") var authority: String?
        @Option(help: "First day, YYYY-MM-DD") var start: String
        @Option(help: "Last day, YYYY-MM-DD") var end: String?

        func run() async throws {
            try await reportingErrors {
                let role = try parseChoice(MembershipRole.self, role, option: "role")
                let (config, database) = try store.open()
                let record = try database.addMember(
                    person: person, body: body, role: role, authority: authority, startDate: start, endDate: end,
                    localTime: LocalTime(timeZone: config.timeZone), actor: .commandLine)
                print("added membership \(record.id!): \(person) as \(role.rawValue) of \(body)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List memberships.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                try printList(try database.list(Membership.self), json: json) {
                    "\($0.id!)\tperson \($0.personId)\tbody \($0.bodyId)\t\($0.role.rawValue)\t\($0.startDate)–\($0.endDate ?? "")"
                }
            }
        }
    }
}
