import ArgumentParser
import Foundation
import TownhallDemo
import TownhallDomain
import TownhallStore
import TownhallWeb

struct AuthorityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authority", abstract: "Councils.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a council.")
        @OptionGroup var store: StoreOptions
        @Option(help: "URL slug, e.g. harford-city") var slug: String
        @Option(help: "Full name") var name: String
        @Option(help: "Kind: \(AuthorityKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind: String
        @Option(help: "The council's register of members' interests (an https address), linked from each member's page") var registerUrl: String?

        func run() async throws {
            try await reportingErrors {
                let kind = try parseChoice(AuthorityKind.self, kind, option: "kind")
                let (_, database) = try store.open()
                let record = try database.addAuthority(slug: slug, name: name, kind: kind, registerOfInterestsURL: registerUrl, actor: .commandLine)
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
        commandName: "body", abstract: "Boards, panels and committees.", subcommands: [Add.self, List.self, Seats.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a body.")
        @OptionGroup var store: StoreOptions
        @Option(help: "URL slug, e.g. harford-lpac") var slug: String
        @Option(help: "Full name") var name: String
        @Option(help: "Kind: \(BodyKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind: String
        @Option(help: "One-paragraph description") var description = ""
        @Option(help: "Area served") var area = ""
        @Option(help: "Policing Board only: the councils of the force area, as comma-separated authority slugs") var councils = ""

        func run() async throws {
            try await reportingErrors {
                let kind = try parseChoice(BodyKind.self, kind, option: "kind")
                let (_, database) = try store.open()
                let record = try database.addBody(
                    slug: slug, name: name, kind: kind, description: description, area: area,
                    councils: councils.split(separator: ",").map(String.init), actor: .commandLine)
                print("added body \(record.slug) (id \(record.id!))")
                try warnAboutEmptySeats(database, body: record.slug, on: nil)
            }
        }
    }

    struct Seats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the seats a body must fill and who holds them; exits 1 when a seat is empty.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Body slug") var body: String
        @Option(help: "Day to check, YYYY-MM-DD (default today)") var on: String?

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let today = try on.map { try LocalTime(timeZone: config.timeZone).parseDay($0) } ?? LocalTime(timeZone: config.timeZone).day(of: Date())
                let (_, seats) = try database.seats(bodySlug: body, today: today)
                for seat in seats { print("\(seat.label)\t\(seat.isEmpty ? "VACANT" : seat.holders.joined(separator: ", "))") }
                if seats.contains(where: \.isEmpty) {
                    try warnAboutEmptySeats(database, body: body, on: today)
                    throw ExitCode(1)
                }
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
        commandName: "member", abstract: "Memberships of bodies.", subcommands: [Add.self, End.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a person a seat on a body.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Person slug") var person: String
        @Option(help: "Body slug") var body: String
        @Option(help: "Role: \(MembershipRole.allCases.map(\.rawValue).joined(separator: ", "))") var role = "member"
        @Option(help: "What the member represents: \(SeatCategory.allCases.map(\.rawValue).joined(separator: ", "))") var category: String?
        @Option(help: "Slug of the council the member represents") var authority: String?
        @Option(help: "First day, YYYY-MM-DD") var start: String
        @Option(help: "Last day, YYYY-MM-DD") var end: String?

        func run() async throws {
            try await reportingErrors {
                let role = try parseChoice(MembershipRole.self, role, option: "role")
                let category = try category.map { try parseChoice(SeatCategory.self, $0, option: "category") }
                let (config, database) = try store.open()
                let record = try database.addMember(
                    person: person, body: body, role: role, category: category, authority: authority, startDate: start, endDate: end,
                    localTime: LocalTime(timeZone: config.timeZone), actor: .commandLine)
                print("added membership \(record.id!): \(person) as \(role.rawValue) of \(body)")
                try warnAboutEmptySeats(database, body: body, on: start)
            }
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a membership, freeing the seat.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Membership id") var id: Int64
        @Option(help: "Last day, YYYY-MM-DD") var on: String

        func run() async throws {
            try await reportingErrors {
                let (config, database) = try store.open()
                let record = try database.endMembership(id: id, on: on, localTime: LocalTime(timeZone: config.timeZone), actor: .commandLine)
                print("membership \(id) ends \(record.endDate!)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List memberships: id, person (slug and name), body, role, category and dates.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this body's members (its slug)") var body: String?
        @Flag(help: "Print JSON") var json = false

        func run() async throws {
            try await reportingErrors {
                let (_, database) = try store.open()
                let bodies = Dictionary(uniqueKeysWithValues: try database.list(Body.self).map { ($0.id!, $0) })
                let people = Dictionary(uniqueKeysWithValues: try database.list(Person.self).map { ($0.id!, $0) })
                var memberships = try database.list(Membership.self)
                if let body {
                    guard let found = bodies.values.first(where: { $0.slug == body }) else { throw TownhallError.notFound("no body \(body)") }
                    memberships = memberships.filter { $0.bodyId == found.id }
                }
                try printList(memberships, json: json) {
                    "\($0.id!)\t\(people[$0.personId].map { "\($0.slug)\t\($0.name)" } ?? "person \($0.personId)")\t"
                        + "\(bodies[$0.bodyId]?.slug ?? "body \($0.bodyId)")\t\($0.role.rawValue)\t\($0.category?.rawValue ?? "-")\t\($0.startDate)–\($0.endDate ?? "")"
                }
            }
        }
    }
}

/// Prints one warning line per empty seat to stderr, so a clerk adding members sees what is still missing.
func warnAboutEmptySeats(_ database: AppDatabase, body: String, on day: String?) throws {
    let today = day ?? LocalTime().day(of: Date())
    let (_, seats) = try database.seats(bodySlug: body, today: today)
    for seat in seats where seat.isEmpty {
        FileHandle.standardError.write(Data("warning: \(body) has no \(seat.label.lowercased()) on \(today)\n".utf8))
    }
}
