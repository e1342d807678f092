import Foundation
import GRDB
import TownhallDomain

/// The membership rules of each kind of body, checked inside the write transaction that adds a member, so the
/// CLI and the clerk screens cannot seat someone the law does not allow.
enum SeatRules {
    static func check(
        _ db: Database, body: Body, category: SeatCategory?, authority: Authority?, start: String, end: String?
    ) throws {
        let allowed = SeatCategory.categories(for: body.kind)
        guard let category else {
            if allowed.isEmpty { return }
            throw TownhallError.invalid(
                "say what the member represents on a \(body.kind.label): \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        guard allowed.contains(category) else {
            throw TownhallError.invalid(
                "\(category.label) is not a seat on a \(body.kind.label); choose \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        if category.needsCouncil, authority == nil {
            throw TownhallError.invalid("a \(category.label.lowercased()) must name the council they represent")
        }
        switch body.kind {
        case .policingBoard:
            let authority = authority!
            let councils = try councilIds(db, bodyId: body.id!)
            guard councils.contains(authority.id!) else {
                throw TownhallError.invalid("\(authority.name) is not one of the councils in this board's force area")
            }
            if category == .leadMember, councils.count != 2 {
                throw TownhallError.invalid(
                    "lead member seats exist only where the force area has two councils; this board has \(councils.count)")
            }
            let taken = try Membership
                .filter(Column("bodyId") == body.id! && Column("authorityId") == authority.id! && Column("category") == category.rawValue)
                .filter(sql: "startDate <= ? AND (endDate IS NULL OR endDate >= ?)", arguments: [end ?? "9999-12-31", start])
                .fetchCount(db)
            if taken > 0 {
                throw TownhallError.conflict(
                    "the \(category.label.lowercased()) seat for \(authority.name) is already filled for those dates; end that membership first")
            }
        case .peerChallengeTeam:
            if category == .memberPeer, let authority,
               try PeerChallenge.filter(Column("teamBodyId") == body.id! && Column("authorityId") == authority.id!).fetchCount(db) > 0 {
                throw TownhallError.invalid("a member peer must come from another council, not \(authority.name), the council being challenged")
            }
        default:
            break
        }
    }

    /// A body has at most one chair and one vice-chair at a time: a second, for overlapping dates, is refused until
    /// the first's term is ended.
    static func checkOffice(_ db: Database, body: Body, role: MembershipRole, start: String, end: String?) throws {
        guard role == .chair || role == .viceChair else { return }
        let holder = try Row.fetchOne(db, sql: """
            SELECT p.name, m.startDate FROM membership m JOIN person p ON p.id = m.personId
            WHERE m.bodyId = ? AND m.role = ? AND m.startDate <= ? AND (m.endDate IS NULL OR m.endDate >= ?)
            ORDER BY m.startDate LIMIT 1
            """, arguments: [body.id!, role.rawValue, end ?? "9999-12-31", start])
        if let holder {
            let name: String = holder["name"]
            throw TownhallError.conflict(
                "\(body.name) already has a \(role.label.lowercased()) for those dates (\(name)); end that membership first")
        }
    }

    static func councilIds(_ db: Database, bodyId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT authorityId FROM bodyCouncil WHERE bodyId = ? ORDER BY rowid", arguments: [bodyId])
    }

    /// The body's councils (for a Policing Board) in the order they were given.
    static func councils(_ db: Database, bodyId: Int64) throws -> [Authority] {
        try Authority.fetchAll(db, sql: """
            SELECT a.* FROM bodyCouncil bc JOIN authority a ON a.id = bc.authorityId WHERE bc.bodyId = ? ORDER BY bc.rowid
            """, arguments: [bodyId])
    }

    /// Each seat the body should have filled on `today`, with its holders.
    static func seats(_ db: Database, body: Body, today: String) throws -> [Seat] {
        let councils = try councils(db, bodyId: body.id!)
        let holders = try Row.fetchAll(db, sql: """
            SELECT p.name, ms.category, ms.authorityId FROM membership ms JOIN person p ON p.id = ms.personId
            WHERE ms.bodyId = ? AND ms.startDate <= ? AND (ms.endDate IS NULL OR ms.endDate >= ?) ORDER BY p.name
            """, arguments: [body.id!, today, today]).map { row in
            SeatPlan.Holder(
                name: row["name"], category: (row["category"] as String?).flatMap(SeatCategory.init), authorityId: row["authorityId"])
        }
        return SeatPlan.seats(kind: body.kind, councils: councils.map { ($0.id!, $0.name) }, holders: holders)
    }
}

extension AppDatabase {
    /// The seats of a body on `today`; the CLI and clerk screens warn about the empty ones.
    public func seats(bodySlug: String, today: String) throws -> (Body, [Seat]) {
        try writer.read { db in
            let body = try Self.find(Body.self, slug: bodySlug, what: "body", db)
            return (body, try SeatRules.seats(db, body: body, today: today))
        }
    }

    /// The councils a member of this body may represent: a board's own councils, otherwise every council.
    public func councilChoices(body: Body) async throws -> [Authority] {
        try await writer.read { db in
            body.kind == .policingBoard ? try SeatRules.councils(db, bodyId: body.id!) : try Authority.order(Column("name")).fetchAll(db)
        }
    }

    /// Ends a membership (a council's leader changes, a parent representative steps down), freeing the seat.
    public func endMembership(id: Int64, on endDate: String, localTime: LocalTime = LocalTime(), actor: Actor) throws -> Membership {
        let end = try localTime.parseDay(endDate)
        return try writer.write { db in
            guard var membership = try Membership.fetchOne(db, key: id) else { throw TownhallError.notFound("no membership with id \(id)") }
            guard end >= membership.startDate else {
                throw TownhallError.invalid("the membership cannot end (\(end)) before it started (\(membership.startDate))")
            }
            if let current = membership.endDate, current < end {
                throw TownhallError.conflict("membership \(id) already ended on \(current)")
            }
            membership.endDate = end
            try membership.update(db)
            try db.audit(actor, .end, .membership, id, "ends \(end)", at: clock())
            return membership
        }
    }

    /// A paper's kind must be one its body publishes (an annual report belongs to an education panel).
    static func checkPaperKind(_ db: Database, _ kind: PaperKind, itemId: Int64) throws {
        guard let bodyKind = try String.fetchOne(db, sql: """
            SELECT b.kind FROM agendaItem i JOIN meeting m ON m.id = i.meetingId JOIN body b ON b.id = m.bodyId WHERE i.id = ?
            """, arguments: [itemId]).flatMap(BodyKind.init)
        else { throw TownhallError.notFound("no agenda item with id \(itemId)") }
        let allowed = PaperKind.kinds(for: bodyKind)
        guard allowed.contains(kind) else {
            throw TownhallError.invalid(
                "a \(bodyKind.label) does not publish a paper of kind \(kind.rawValue); choose \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
