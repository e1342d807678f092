import Foundation
import GRDB
import TownhallDomain

extension AppDatabase {
    /// Adds an organisation; `authority` (a council's slug) makes it the record of that council, which must be a
    /// council or combined authority and not already have one.
    public func addOrganisation(
        slug: String, name: String, kind: OrganisationKind, otherKind: String? = nil, authority: String? = nil, actor: Actor
    ) throws -> Organisation {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw TownhallError.invalid("name must not be empty") }
        if let problem = Organisation.kindProblem(kind, otherKind: otherKind) { throw TownhallError.invalid(problem) }
        let other = otherKind?.trimmingCharacters(in: .whitespacesAndNewlines)
        var record = Organisation(
            slug: try Slug.validate(slug, what: "organisation"), name: name, kind: kind, otherKind: other?.isEmpty == false ? other : nil)
        do {
            try writer.write { db in
                if let authority { record.authorityId = try Self.councilFor(record, authority: authority, db) }
                try record.insert(db)
                try db.audit(actor, .add, .organisation, record.id, name, at: clock())
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw TownhallError.conflict(
                authority == nil ? "an organisation with slug \"\(slug)\" already exists"
                    : "an organisation with slug \"\(slug)\" already exists, or council \"\(authority!)\" already has its record")
        }
        return record
    }

    /// Makes an existing organisation the record of a council, so it is one record, not two.
    public func linkOrganisation(slug: String, authority: String, actor: Actor) throws {
        do {
            try writer.write { db in
                guard var record = try Organisation.filter(Column("slug") == slug).fetchOne(db) else {
                    throw TownhallError.notFound("no organisation with slug \"\(slug)\"")
                }
                record.authorityId = try Self.councilFor(record, authority: authority, db)
                try record.update(db)
                try db.audit(actor, .edit, .organisation, record.id, "the record of council \(authority)", at: clock())
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw TownhallError.conflict("council \"\(authority)\" already has its record as another organisation")
        }
    }

    static func councilFor(_ organisation: Organisation, authority slug: String, _ db: Database) throws -> Int64 {
        guard organisation.kind == .council || organisation.kind == .combinedAuthority else {
            throw TownhallError.invalid("only a council or combined authority is the record of a council")
        }
        guard let authority = try Authority.filter(Column("slug") == slug).fetchOne(db) else {
            throw TownhallError.notFound("no council with slug \"\(slug)\"")
        }
        return authority.id!
    }

    /// Sets a body's response deadline rule and its due-soon and long-overdue thresholds (in working days).
    /// Sets the body's response period (for one kind of organisation with `kind`; with `kind` and no `rule`, that
    /// kind's own period is removed) and its due-soon and long-overdue thresholds.
    public func setResponseRule(
        body slug: String, rule: ResponseRule?, for kind: OrganisationKind? = nil, dueSoon: Int?, longOverdue: Int?, actor: Actor
    ) throws -> Body {
        if let dueSoon, !(0...100).contains(dueSoon) { throw TownhallError.invalid("--due-soon must be from 0 to 100 working days") }
        if let longOverdue, !(1...250).contains(longOverdue) { throw TownhallError.invalid("--long-overdue must be from 1 to 250 working days") }
        return try writer.write { db in
            var body = try Self.find(Body.self, slug: slug, what: "body", db)
            var rules = body.rules
            switch (kind, rule) {
            case (nil, let rule?): rules.standard = rule
            case (let kind?, let rule): rules.byKind[kind] = rule
            case (nil, nil): break  // only the thresholds change; a body on its kind's default stays on it
            }
            if kind != nil || rule != nil { body.responseRule = rules.description }
            if let dueSoon { body.dueSoonWorkingDays = dueSoon }
            if let longOverdue { body.longOverdueWorkingDays = longOverdue }
            try body.update(db)
            try db.audit(actor, .setResponseRule, .body, body.id,
                         "\(body.rules), due soon \(body.dueSoonWorkingDays), long overdue \(body.longOverdueWorkingDays)", at: clock())
            return body
        }
    }

    /// Adds a draft recommendation to a published, public report; it is numbered after the report's last one.
    public func addRecommendation(paperId: Int64, organisationId: Int64, text: String, now: Date, actor: Actor) throws -> Recommendation {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw TownhallError.invalid("the recommendation needs its text") }
        return try writer.write { db in
            let (_, meeting) = try Self.publicReport(paperId, db)
            guard try Organisation.exists(db, key: organisationId) else { throw TownhallError.notFound("no organisation with id \(organisationId)") }
            let last = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM recommendation WHERE paperId = ?", arguments: [paperId]) ?? 0
            var record = Recommendation(
                paperId: paperId, bodyId: meeting.bodyId, organisationId: organisationId, number: last + 1, text: text, status: .draft,
                createdAt: now)
            try record.insert(db)
            try db.audit(actor, .add, .recommendation, record.id, "recommendation \(record.number) of paper \(paperId)", at: now)
            return record
        }
    }

    /// Adds, as drafts to one organisation, the recommendations the report's own text lists under its
    /// "Recommendations" heading (`RecommendationsInText`), in order, in one transaction; one the report already has
    /// (the same text) is not added twice. Returns what was added.
    public func addRecommendationsFromText(paperId: Int64, organisationId: Int64, now: Date, actor: Actor) throws -> [Recommendation] {
        try writer.write { db in
            let (paper, meeting) = try Self.publicReport(paperId, db)
            guard try Organisation.exists(db, key: organisationId) else { throw TownhallError.notFound("no organisation with id \(organisationId)") }
            let found = RecommendationsInText.items(in: paper.markdown)
            guard !found.isEmpty else {
                throw TownhallError.invalid("the report has no numbered list under a \"Recommendations\" heading")
            }
            let existing = Set(try String.fetchAll(db, sql: "SELECT text FROM recommendation WHERE paperId = ?", arguments: [paperId]))
            var last = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM recommendation WHERE paperId = ?", arguments: [paperId]) ?? 0
            var added: [Recommendation] = []
            for text in found where !existing.contains(text) {
                last += 1
                var record = Recommendation(
                    paperId: paperId, bodyId: meeting.bodyId, organisationId: organisationId, number: last, text: text, status: .draft,
                    createdAt: now)
                try record.insert(db)
                try db.audit(actor, .add, .recommendation, record.id, "recommendation \(record.number) of paper \(paperId), from its text", at: now)
                added.append(record)
            }
            return added
        }
    }

    public func removeDraftRecommendation(id: Int64, now: Date, actor: Actor) throws {
        try writer.write { db in
            guard let record = try Recommendation.fetchOne(db, key: id) else { throw TownhallError.notFound("no recommendation with id \(id)") }
            guard record.status == .draft else { throw TownhallError.conflict("an issued recommendation cannot be removed") }
            try record.delete(db)
            try db.audit(actor, .remove, .recommendation, id, "recommendation \(record.number) of paper \(record.paperId)", at: now)
        }
    }

    /// Issues the report's draft recommendations: once the meeting that considered it has been held and decided on
    /// the item, or under the delegated `authority` the clerk records (`IssueRule`). Each gets its deadline from the
    /// body's rule for its addressee's kind, counted from now, and each organisation's responders are told, in the
    /// same transaction.
    public func issueRecommendations(
        paperId: Int64, at now: Date, deadlines: Deadlines, authority: String? = nil, actor: Actor
    ) throws -> [Recommendation] {
        let authority = authority?.trimmedOrNil
        return try writer.write { db in
            let (paper, meeting) = try Self.publicReport(paperId, db)
            guard let body = try Body.fetchOne(db, key: meeting.bodyId) else { throw TownhallError.notFound("no body for paper \(paperId)") }
            var drafts = try Self.draftRecommendations(paperId, db)
            guard !drafts.isEmpty else { throw TownhallError.conflict("the report has no draft recommendations to issue") }
            let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId)!
            if let problem = IssueRule.problem(meeting: meeting, item: item, authority: authority) { throw TownhallError.conflict(problem) }
            let addressees = try Self.addressees(of: drafts, body: body, deadlines: deadlines, now: now, db)
            for index in drafts.indices {
                let due = addressees[drafts[index].organisationId]!.due
                drafts[index].status = .issued
                drafts[index].issuedAt = now
                drafts[index].dueOn = due.description
                drafts[index].issueAuthority = authority
                try drafts[index].update(db)
                try db.audit(actor, .issue, .recommendation, drafts[index].id, "due \(due)" + (authority.map { ", under \($0)" } ?? ""), at: now)
            }
            for (organisationId, recommendations) in Dictionary(grouping: drafts, by: \.organisationId) {
                let numbers = recommendations.map { String($0.number) }.joined(separator: ", ")
                let addressee = addressees[organisationId]!
                try db.enqueue(
                    .issued, to: addressee.responders, at: now,
                    subject: "Recommendations for you from \(body.name): response due \(deadlines.time.longDate(day: addressee.due))",
                    body: """
                        \(body.name) has issued recommendations \(numbers) of "\(paper.title)" to your organisation.
                        Your response is due by the end of \(deadlines.time.longDate(day: addressee.due)) (\(addressee.rule.fromIssueLabel)).

                        Respond at {{site}}/provider/reports/\(paperId)
                        """)
            }
            return drafts
        }
    }

    /// Saves the organisation's draft response to a report (created on first save). Nothing is checked for
    /// completeness until it is submitted.
    public func saveResponseDraft(
        paperId: Int64, organisationId: Int64, answers: [Int64: ResponseAnswer], now: Date, time: LocalTime = LocalTime(), actor: Actor
    ) throws -> ProviderResponse {
        try writer.write { db in
            let recommendations = try Self.answerable(paperId, organisationId, db)
            for recommendation in recommendations {
                if let problem = answers[recommendation.id!]?.savingProblems(number: recommendation.number, issuedOn: recommendation.issuedDay(time)).first {
                    throw TownhallError.invalid(problem.message)
                }
            }
            return try Self.writeDraft(paperId, organisationId, answers, recommendations, now, db, actor)
        }
    }

    /// The version of the organisation's latest submitted response to a report; 0 for none.
    public func latestSubmittedVersion(paperId: Int64, organisationId: Int64) async throws -> Int {
        try await writer.read { db in try Self.latestSubmittedVersion(paperId, organisationId, db) }
    }

    static func latestSubmittedVersion(_ paperId: Int64, _ organisationId: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT MAX(version) FROM response WHERE paperId = ? AND organisationId = ? AND status = 'submitted'",
            arguments: [paperId, organisationId]) ?? 0
    }

    /// Submits a response: every answerable recommendation answered in full, and nobody else's submission since
    /// the form was loaded (`basedOnVersion`, the latest submitted version then, 0 for none). Exactly one of two
    /// racing submissions wins; the other gets a conflict and its answers are left with the caller to show again.
    public func submitResponse(
        paperId: Int64, organisationId: Int64, answers: [Int64: ResponseAnswer], basedOnVersion: Int, now: Date,
        deadlines: Deadlines, receivedOutside: String? = nil, signOff: String = "", actor: Actor
    ) throws -> ProviderResponse {
        let signOff = signOff.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = ProviderResponse.signOffProblem(signOff) { throw TownhallError.invalid(problem) }
        let receivedOutside = receivedOutside?.trimmingCharacters(in: .whitespacesAndNewlines)
        if receivedOutside?.isEmpty == true { throw TownhallError.invalid("say how the response was received, for example \"letter of 2 March 2027\"") }
        return try writer.write { db in
            let latest = try Self.latestSubmittedVersion(paperId, organisationId, db)
            guard latest == basedOnVersion else {
                throw TownhallError.conflict("another response to this report was submitted while you were editing (version \(latest))")
            }
            let recommendations = try Self.answerable(paperId, organisationId, db)
            for recommendation in recommendations {
                let answer = answers[recommendation.id!] ?? ResponseAnswer(decision: nil)
                if let problem = answer.submissionProblems(number: recommendation.number, issuedOn: recommendation.issuedDay(deadlines.time)).first {
                    throw TownhallError.invalid(problem.message)
                }
            }
            // Only the answered ones are part of this version; a recommendation left blank keeps its earlier
            // answer, if any, and waits for one otherwise.
            let answered = recommendations.filter { answers[$0.id!]?.decision != nil }
            guard !answered.isEmpty else { throw TownhallError.invalid(ResponseAnswer.nothingAnswered) }
            var response = try Self.writeDraft(paperId, organisationId, answers, answered, now, db, actor)
            response.status = .submitted
            response.submittedAt = now
            response.submittedBy = actor.publicName
            response.receivedOutside = receivedOutside
            response.signOff = signOff.isEmpty ? nil : signOff
            try response.update(db)
            try db.audit(actor, .submit, .response, response.id, "version \(response.version) to paper \(paperId)", at: now)
            guard let first = recommendations.first, let body = try Body.fetchOne(db, key: first.bodyId),
                  let organisation = try Organisation.fetchOne(db, key: organisationId)
            else { return response }
            let clerks = try Self.clerkEmails(body.id!, db)
            let late = answered.contains { ($0.dueOn.flatMap(Day.init) ?? .init(ordinal: .max)) < deadlines.time.calendarDay(of: now) }
            try db.enqueue(
                .responseReceived, to: clerks, at: now,
                subject: "\(organisation.name) has responded to \(body.name)\(response.version > 1 ? " (correction)" : "")",
                body: """
                    \(organisation.name) submitted version \(response.version) of its response\(late ? ", after the deadline" : "").

                    Read it at {{site}}/recommendations?organisation=\(organisation.slug)
                    """)
            return response
        }
    }

    /// Extends a waiting recommendation's deadline to a later day, with a reason shown publicly.
    public func extendDeadline(recommendationId: Int64, to newDue: Day, reason: String, at now: Date, deadlines: Deadlines, actor: Actor) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw TownhallError.invalid("give the reason for extending the deadline") }
        try writer.write { db in
            var record = try Self.transition(recommendationId, .extendDeadline, now, deadlines, db)
            guard let current = record.dueOn.flatMap(Day.init), newDue > current else {
                throw TownhallError.invalid("the new deadline must be after the current one (\(record.dueOn ?? "none"))")
            }
            var entry = DeadlineExtension(
                recommendationId: recommendationId, previousDueOn: current.description, newDueOn: newDue.description, reason: reason,
                at: now, byName: actor.publicName)
            try entry.insert(db)
            record.dueOn = newDue.description
            try record.update(db)
            try db.audit(actor, .extend, .recommendation, recommendationId, "\(current) to \(newDue): \(reason)", at: now)
        }
    }

    /// Refers a (wholly or partly) rejected recommendation to a body from the maintained list (its slug), with the
    /// day a reply is due if one is.
    public func referRecommendation(
        id: Int64, to slug: String, replyDue: String = "", note: String, at now: Date, deadlines: Deadlines, actor: Actor
    ) throws {
        let slug = slug.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !slug.isEmpty else { throw TownhallError.invalid("choose the body the recommendation is referred to") }
        let replyDue = replyDue.trimmingCharacters(in: .whitespaces)
        try writer.write { db in
            guard let target = try ReferralBody.filter(Column("slug") == slug).fetchOne(db), target.isActive else {
                throw TownhallError.invalid("\"\(slug)\" is not on the list of bodies a recommendation can be referred to")
            }
            if !replyDue.isEmpty {
                guard let day = Day(replyDue) else { throw TownhallError.invalid("the reply due date must be a real date, for example 2027-06-30") }
                if day < deadlines.time.calendarDay(of: now) { throw TownhallError.invalid("the reply due date must not be in the past") }
            }
            var record = try Self.transition(id, .refer, now, deadlines, db)
            record.status = .referred
            record.referredTo = target.name
            record.referralBodyId = target.id
            record.referralReplyDueOn = Day(replyDue)?.description
            record.referralNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
            record.referredAt = now
            try record.update(db)
            try db.audit(actor, .refer, .recommendation, id, target.name, at: now)
        }
    }

    /// Records what the body a recommendation was referred to decided or replied, and when.
    public func recordReferralOutcome(id: Int64, outcome: String, on day: String, at now: Date, deadlines: Deadlines, actor: Actor) throws {
        let outcome = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !outcome.isEmpty else { throw TownhallError.invalid("describe the outcome of the referral") }
        if let problem = TextLimits.noteProblem(outcome, what: "the outcome") { throw TownhallError.invalid(problem) }
        let text = day.trimmingCharacters(in: .whitespaces)
        let today = deadlines.time.calendarDay(of: now)
        let on = text.isEmpty ? today : Day(text)
        guard let on else { throw TownhallError.invalid("the outcome's date must be a real date, for example \(today)") }
        if on > today { throw TownhallError.invalid("the outcome's date must not be in the future") }
        try writer.write { db in
            var record = try Self.transition(id, .recordReferralOutcome, now, deadlines, db)
            // The public record keeps the first account; a later development is a note on closing.
            if record.referralOutcome != nil { throw TownhallError.conflict("the outcome of this referral is already recorded") }
            if let referred = record.referredAt, on < deadlines.time.calendarDay(of: referred) {
                throw TownhallError.invalid("the outcome's date must not be before the referral, on \(deadlines.time.calendarDay(of: referred))")
            }
            record.referralOutcome = outcome
            record.referralOutcomeOn = on.description
            try record.update(db)
            try db.audit(actor, .recordOutcome, .recommendation, id, outcome, at: now)
        }
    }

    /// The maintained list of bodies a refusal can be referred to, by name; the retired ones only when asked for.
    public func referralBodies(includeRetired: Bool = false) throws -> [ReferralBody] {
        try writer.read { db in
            try (includeRetired ? ReferralBody.all() : ReferralBody.filter(Column("isActive") == true)).order(Column("name")).fetchAll(db)
        }
    }

    @discardableResult
    public func addReferralBody(slug: String, name: String, kind: ReferralBody.Kind, actor: Actor) throws -> ReferralBody {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw TownhallError.invalid("name must not be empty") }
        var body = ReferralBody(slug: try Slug.validate(slug, what: "referral body"), name: name, kind: kind)
        do {
            try writer.write { db in
                try body.insert(db)
                try db.audit(actor, .add, .referralBody, body.id, name, at: clock())
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw TownhallError.conflict("a referral body with slug \"\(slug)\" already exists")
        }
        return body
    }

    /// Takes a body off the list offered for new referrals; referrals already made to it keep it.
    public func retireReferralBody(slug: String, actor: Actor) throws {
        try writer.write { db in
            guard var body = try ReferralBody.filter(Column("slug") == slug).fetchOne(db) else {
                throw TownhallError.notFound("no referral body with slug \"\(slug)\"")
            }
            body.isActive = false
            try body.update(db)
            try db.audit(actor, .disable, .referralBody, body.id, body.name, at: clock())
        }
    }

    public func closeRecommendation(id: Int64, note: String, at now: Date, deadlines: Deadlines, actor: Actor) throws {
        try writer.write { db in
            var record = try Self.transition(id, .close, now, deadlines, db)
            record.status = .closed
            record.closedAt = now
            record.closingNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
            try record.update(db)
            try db.audit(actor, .close, .recommendation, id, record.closingNote ?? "", at: now)
        }
    }

    /// Records progress on an accepted (or partly accepted) recommendation.
    public func addImplementationUpdate(
        recommendationId: Int64, status: ImplementationStatus, note: String, targetDate: String?, percentComplete: Int? = nil, at now: Date,
        deadlines: Deadlines, actor: Actor
    ) throws -> ImplementationUpdate {
        if let problem = ImplementationUpdate.percentProblem(percentComplete) { throw TownhallError.invalid(problem) }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw TownhallError.invalid("describe the progress made") }
        let target = targetDate.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        return try writer.write { db in
            let record = try Self.transition(recommendationId, .updateImplementation, now, deadlines, db)
            if let target, let problem = ResponseAnswer.targetProblem(target, number: nil, issuedOn: record.issuedDay(deadlines.time)) {
                throw TownhallError.invalid(problem)
            }
            var update = ImplementationUpdate(
                recommendationId: recommendationId, status: status, note: note, targetDate: target.flatMap(Day.init)?.description, at: now,
                byName: actor.publicName,
                percentComplete: percentComplete)
            try update.insert(db)
            try db.audit(actor, .updateImplementation, .recommendation, recommendationId, status.rawValue, at: now)
            return update
        }
    }

    // MARK: Helpers inside a transaction

    /// The recommendation, if its current state allows `action`.
    static func transition(_ id: Int64, _ action: RecommendationAction, _ now: Date, _ deadlines: Deadlines, _ db: Database) throws -> Recommendation {
        guard let record = try Recommendation.fetchOne(db, key: id), let body = try Body.fetchOne(db, key: record.bodyId) else {
            throw TownhallError.notFound("no recommendation with id \(id)")
        }
        let state = deadlines.state(
            of: record, decision: try latestDecision(id, db), extensionPending: try pendingExtension(id, db) != nil, body: body, now: now)
        guard let state, state.allows(action) else {
            throw TownhallError.conflict("recommendation \(record.number) is \(state?.label.lowercased() ?? "a draft"); it cannot be \(action.pastTense)")
        }
        return record
    }

    /// The decision in the latest submitted response that answers the recommendation.
    static func latestDecision(_ recommendationId: Int64, _ db: Database) throws -> ResponseDecision? {
        try String.fetchOne(db, sql: """
            SELECT i.decision FROM responseItem i JOIN response r ON r.id = i.responseId
            WHERE i.recommendationId = ? AND r.status = 'submitted' ORDER BY r.version DESC LIMIT 1
            """, arguments: [recommendationId]).flatMap(ResponseDecision.init(rawValue:))
    }

    /// A published paper on a non-exempt item, with its meeting: only such a report can carry recommendations.
    static func publicReport(_ paperId: Int64, _ db: Database) throws -> (Paper, Meeting) {
        guard let paper = try Paper.fetchOne(db, key: paperId), let item = try AgendaItem.fetchOne(db, key: paper.agendaItemId),
              let meeting = try Meeting.fetchOne(db, key: item.meetingId)
        else { throw TownhallError.notFound("no paper with id \(paperId)") }
        guard paper.status == .published, !item.isExempt else {
            throw TownhallError.conflict("recommendations belong to a published report on a public agenda item")
        }
        return (paper, meeting)
    }

    /// The organisation's issued recommendations of a report that are still open to an answer or a correction.
    static func answerable(_ paperId: Int64, _ organisationId: Int64, _ db: Database) throws -> [Recommendation] {
        let records = try Recommendation
            .filter(Column("paperId") == paperId && Column("organisationId") == organisationId)
            .order(Column("number")).fetchAll(db).filter(\.isOpenToAnswer)
        guard !records.isEmpty else { throw TownhallError.conflict("there is nothing in this report for your organisation to answer") }
        return records
    }

    static func writeDraft(
        _ paperId: Int64, _ organisationId: Int64, _ answers: [Int64: ResponseAnswer], _ recommendations: [Recommendation], _ now: Date,
        _ db: Database, _ actor: Actor
    ) throws -> ProviderResponse {
        var response: ProviderResponse
        if let draft = try ProviderResponse
            .filter(Column("paperId") == paperId && Column("organisationId") == organisationId && Column("status") == ResponseStatus.draft.rawValue)
            .fetchOne(db) {
            response = draft
            response.updatedAt = now
            try response.update(db)
        } else {
            let version = (try Int.fetchOne(
                db, sql: "SELECT MAX(version) FROM response WHERE paperId = ? AND organisationId = ?", arguments: [paperId, organisationId]) ?? 0) + 1
            response = ProviderResponse(
                paperId: paperId, organisationId: organisationId, version: version, status: .draft, createdAt: now, updatedAt: now)
            try response.insert(db)
        }
        try ResponseItem.filter(Column("responseId") == response.id).deleteAll(db)
        for recommendation in recommendations {
            let answer = answers[recommendation.id!] ?? ResponseAnswer(decision: nil)
            var item = ResponseItem(
                responseId: response.id!, recommendationId: recommendation.id!, decision: answer.decision, reasons: answer.reasons,
                // Checked already (`savingProblems`), and stored in its one written form: "2027-+6-30" reads as a day.
                action: answer.action, targetDate: Day(answer.targetDate)?.description)
            try item.insert(db)
        }
        try db.audit(actor, .saveDraft, .response, response.id, "version \(response.version) to paper \(paperId)", at: now)
        return response
    }

    /// Active clerk accounts of a body.
    static func clerkEmails(_ bodyId: Int64, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT u.email FROM user u JOIN clerkBody c ON c.userId = u.id WHERE c.bodyId = ? AND NOT u.isDisabled ORDER BY u.email
            """, arguments: [bodyId])
    }

    /// Active provider accounts of an organisation.
    /// A report's draft recommendations, in number order.
    static func draftRecommendations(_ paperId: Int64, _ db: Database) throws -> [Recommendation] {
        try Recommendation.filter(Column("paperId") == paperId && Column("status") == RecommendationStatus.draft.rawValue)
            .order(Column("number")).fetchAll(db)
    }

    /// Who the recommendations go to, by organisation id: the organisation, the body's response period for its kind
    /// and the day that period ends if issued `now`, and its active responders. Issuing and its confirmation page both
    /// read this, so what the page promises is what issuing does.
    struct Addressee {
        let organisation: Organisation
        let rule: ResponseRule
        let due: Day
        let responders: [String]
    }

    static func addressees(
        of recommendations: [Recommendation], body: Body, deadlines: Deadlines, now: Date, _ db: Database
    ) throws -> [Int64: Addressee] {
        var result: [Int64: Addressee] = [:]
        for id in Set(recommendations.map(\.organisationId)) {
            guard let organisation = try Organisation.fetchOne(db, key: id) else { throw TownhallError.notFound("no organisation with id \(id)") }
            let rule = body.rules.rule(for: organisation.kind)
            result[id] = Addressee(
                organisation: organisation, rule: rule, due: deadlines.dueDay(rule: rule, issuedAt: now), responders: try responders(id, db))
        }
        return result
    }

    /// The people who answer for an organisation: its provider accounts that are not disabled. Their addresses are
    /// told (`responders`); their names are on its public page (`responderNames`).
    static let activeResponders = "FROM user WHERE organisationId = ? AND role = 'provider' AND NOT isDisabled"

    static func responders(_ organisationId: Int64, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT email \(activeResponders) ORDER BY email", arguments: [organisationId])
    }
}

extension RecommendationAction {
    var pastTense: String {
        switch self {
        case .respond: "answered"
        case .correctResponse: "corrected"
        case .extendDeadline: "given a new deadline"
        case .refer: "referred"
        case .close: "closed"
        case .updateImplementation: "given an implementation update"
        case .requestExtension: "given more time on request (a request is already waiting, or it is answered)"
        case .decideExtension: "given a decision on more time (no request is waiting)"
        case .recordReferralOutcome: "given a referral's outcome (it is not referred)"
        case .callBack: "called back to a meeting"
        }
    }
}

extension Database {
    /// One outbox message per recipient, in the caller's transaction. With a `dedupeKey`, a message already
    /// queued for that key and recipient is not queued again.
    func enqueue(_ kind: NotificationKind, to recipients: [String], at now: Date, subject: String, body: String, dedupeKey: String? = nil) throws {
        for recipient in recipients {
            var message = OutboxMessage(
                kind: kind, dedupeKey: dedupeKey.map { "\($0):\(recipient)" }, recipient: recipient, subject: subject, body: body,
                createdAt: now, nextAttemptAt: now)
            try message.insert(self, onConflict: .ignore)
        }
    }
}
