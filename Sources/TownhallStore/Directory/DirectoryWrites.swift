import Foundation
import GRDB
import TownhallDomain

/// Councils, bodies, people and their seats. Each write runs in one transaction and checks its input first, so a refused
/// command leaves the store exactly as it was.
extension AppDatabase {
    public func addAuthority(slug: String, name: String, kind: AuthorityKind, registerOfInterestsURL: String? = nil, actor: Actor) throws -> Authority {
        if let url = registerOfInterestsURL, !url.isWebAddress {
            throw TownhallError.invalid("the register of interests must be an http or https address, not \"\(url)\"")
        }
        var record = Authority(
            slug: try Slug.validate(slug, what: "authority"), name: try required(name, "name"), kind: kind, registerOfInterestsURL: registerOfInterestsURL)
        try insert(&record, .authority, duplicate: "an authority with slug \"\(slug)\" already exists", actor: actor, details: record.name)
        return record
    }

    /// A Policing Board is created for a force area from the list of its councils, which fixes its seats.
    public func addBody(
        slug: String, name: String, kind: BodyKind, description: String = "", area: String = "", councils: [String] = [],
        actor: Actor
    ) throws -> Body {
        var record = Body(
            slug: try Slug.validate(slug, what: "body"), name: try required(name, "name"), kind: kind,
            description: description, area: area)
        // A peer challenge team's recommendations are answered by the council's action plan, in the configured time.
        if kind == .peerChallengeTeam, peerChallengeRules.actionPlan != ResponseRule.standard(for: kind) {
            record.responseRule = ResponseRules(standard: peerChallengeRules.actionPlan).description
        }
        var seen = Set<String>()
        let councils = councils.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        if kind == .policingBoard, councils.count < 2 {
            throw TownhallError.invalid("a Policing Board is built from the councils of its force area: name at least two councils")
        }
        if kind != .policingBoard, !councils.isEmpty {
            throw TownhallError.invalid("only a Policing Board is built from a list of councils")
        }
        try insert(&record, .body, duplicate: "a body with slug \"\(slug)\" already exists", actor: actor, details: record.name) { db, body in
            for council in councils {
                let authority = try Self.find(Authority.self, slug: council, what: "council", db)
                try BodyCouncil(bodyId: body.id!, authorityId: authority.id!).insert(db)
            }
        }
        return record
    }

    public func addPerson(slug: String, name: String, title: String = "", actor: Actor) throws -> Person {
        var record = Person(slug: try Slug.validate(slug, what: "person"), name: try required(name, "name"), title: title)
        try insert(&record, .person, duplicate: "a person with slug \"\(slug)\" already exists", actor: actor, details: record.name)
        return record
    }

    public func addMember(
        person personSlug: String, body bodySlug: String, role: MembershipRole, category: SeatCategory? = nil,
        authority authoritySlug: String?, startDate: String, endDate: String?, localTime: LocalTime = LocalTime(), actor: Actor
    ) throws -> Membership {
        let (start, end) = try Self.membershipDays(startDate, endDate, localTime)
        return try writer.write { db in
            let person = try Self.find(Person.self, slug: personSlug, what: "person", db)
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            let authority = try authoritySlug.map { try Self.find(Authority.self, slug: $0, what: "authority", db) }
            return try insertMembership(
                db, person: person, body: body, role: role, category: category, authority: authority, start: start, end: end, actor: actor)
        }
    }

    /// The clerk's form: names a person (added if new, matched by name otherwise) and seats them, in one transaction.
    public func seatPerson(
        name: String, title: String, body bodyId: Int64, role: MembershipRole, category: SeatCategory?, authority authorityId: Int64?,
        startDate: String, localTime: LocalTime = LocalTime(), actor: Actor
    ) throws -> Membership {
        let name = try required(name, "name")
        let slug = Slug.make(from: name)
        guard !slug.isEmpty else { throw TownhallError.invalid("the name must contain letters") }
        let (start, _) = try Self.membershipDays(startDate, nil, localTime)
        return try writer.write { db in
            guard let body = try Body.fetchOne(db, key: bodyId) else { throw TownhallError.notFound("no body with id \(bodyId)") }
            let authority = try authorityId.map { id in
                guard let found = try Authority.fetchOne(db, key: id) else { throw TownhallError.notFound("no council with id \(id)") }
                return found
            }
            var person: Person
            if let existing = try Person.filter(Column("slug") == slug).fetchOne(db) {
                person = existing
            } else {
                person = Person(slug: slug, name: name, title: title.trimmingCharacters(in: .whitespacesAndNewlines))
                try person.insert(db)
                try db.audit(actor, .add, .person, person.id, name, at: clock())
            }
            return try insertMembership(
                db, person: person, body: body, role: role, category: category, authority: authority, start: start, end: nil, actor: actor)
        }
    }

    static func membershipDays(_ startDate: String, _ endDate: String?, _ localTime: LocalTime) throws -> (String, String?) {
        let start = try localTime.parseDay(startDate)
        let end = try endDate.map { try localTime.parseDay($0) }
        if let end, end < start { throw TownhallError.invalid("end date \(end) is before start date \(start)") }
        return (start, end)
    }

    /// Checks the body's seat rules, then seats the person.
    func insertMembership(
        _ db: Database, person: Person, body: Body, role: MembershipRole, category: SeatCategory?, authority: Authority?,
        start: String, end: String?, actor: Actor
    ) throws -> Membership {
        try SeatRules.check(db, body: body, category: category, authority: authority, start: start, end: end)
        try SeatRules.checkOffice(db, body: body, role: role, start: start, end: end)
        var record = Membership(
            personId: person.id!, bodyId: body.id!, role: role, authorityId: authority?.id, startDate: start, endDate: end,
            category: category)
        try record.insert(db)
        try db.audit(actor, .add, .membership, record.id, "\(person.slug) as \(role.rawValue) of \(body.slug)", at: clock())
        return record
    }
}
