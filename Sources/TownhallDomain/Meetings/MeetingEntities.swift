import Foundation

/// A council; bodies such as Policing Boards are built from the councils of an area.
public struct Authority: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var kind: AuthorityKind
    /// The council's own published register of its members' interests (Localism Act 2011, section 29), linked from
    /// each member's page here; Townhall records declarations made at meetings, not the register itself.
    public var registerOfInterestsURL: String? = nil

    public init(
        id: Int64? = nil, slug: String, name: String, kind: AuthorityKind, registerOfInterestsURL: String? = nil
    ) {
        self.registerOfInterestsURL = registerOfInterestsURL
        self.id = id
        self.slug = slug
        self.name = name
        self.kind = kind
    }
}

/// A body that meets in public: board, panel, committee or peer challenge team.
public struct Body: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var kind: BodyKind
    public var description: String
    public var area: String
    /// How long organisations have to respond to this body's recommendations; nil means the default for its kind.
    public var responseRule: String? = nil
    public var dueSoonWorkingDays: Int = 10
    public var longOverdueWorkingDays: Int = 20

    /// The response periods: the body's own (`responseRule`, set with `townhall response-rule`) or its kind's default.
    public var rules: ResponseRules {
        let fallback = ResponseRule.standard(for: kind)
        return responseRule.flatMap { try? ResponseRules(parsing: $0, standard: fallback) } ?? ResponseRules(standard: fallback)
    }

    /// The period for addressees with no rule of their own kind.
    public var rule: ResponseRule { rules.standard }

    public init(
        id: Int64? = nil, slug: String, name: String, kind: BodyKind, description: String, area: String,
        responseRule: String? = nil, dueSoonWorkingDays: Int = 10, longOverdueWorkingDays: Int = 20
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.kind = kind
        self.description = description
        self.area = area
        self.responseRule = responseRule
        self.dueSoonWorkingDays = dueSoonWorkingDays
        self.longOverdueWorkingDays = longOverdueWorkingDays
    }
}

/// A member, officer or witness; `title` is a public job title such as "Leader, Harford City Council".
public struct Person: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var title: String

    public init(
        id: Int64? = nil, slug: String, name: String, title: String
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.title = title
    }
}

/// A seat held on a body for a period; dates are calendar days (yyyy-MM-dd) in local time.
public struct Membership: Codable, Sendable, Equatable {
    public var id: Int64?
    public var personId: Int64
    public var bodyId: Int64
    public var role: MembershipRole
    public var authorityId: Int64?
    public var startDate: String
    public var endDate: String?
    /// What the member represents (council leader, parent representative...); required where the body's kind has categories.
    public var category: SeatCategory? = nil

    public init(
        id: Int64? = nil, personId: Int64, bodyId: Int64, role: MembershipRole, authorityId: Int64? = nil,
        startDate: String, endDate: String? = nil, category: SeatCategory? = nil
    ) {
        self.id = id
        self.personId = personId
        self.bodyId = bodyId
        self.role = role
        self.authorityId = authorityId
        self.startDate = startDate
        self.endDate = endDate
        self.category = category
    }
}

/// Where a meeting takes place.
public struct Location: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var address: String

    public init(
        id: Int64? = nil, name: String, address: String
    ) {
        self.id = id
        self.name = name
        self.address = address
    }
}

/// A meeting of a body. Times are stored in UTC; `agendaPublishedAt` gates the public agenda.
public struct Meeting: Codable, Sendable, Equatable {
    public var id: Int64?
    public var bodyId: Int64
    public var title: String
    public var startsAt: Date
    public var endsAt: Date?
    public var locationId: Int64?
    public var status: MeetingStatus
    public var agendaPublishedAt: Date?
    /// Why the agenda was published later than the five-clear-working-days rule allows; shown publicly.
    public var lateReason: String?
    /// The LPAC inquiry this meeting is an evidence session of.
    public var inquiryId: Int64? = nil
    /// When the meeting was called (scheduled, or moved to its present date): a meeting called after its
    /// clear-days deadline is called at short notice (LGA 1972 s100B(3)(b)). Nil for meetings made before v14.
    public var convenedAt: Date? = nil
    /// When the further notice of its private business was given (`PrivateMeetingRule`); nil for a meeting with none.
    public var privateNoticeAt: Date? = nil
    /// Why it was postponed or cancelled, shown publicly and told to its followers (`MeetingStatus.needsReason`).
    public var statusReason: String? = nil
    /// How to attend or watch (`MeetingAccess`), each part optional.
    public var webcastURL: String? = nil
    public var recordingURL: String? = nil
    public var contactName: String? = nil
    public var contactEmail: String? = nil
    public var contactPhone: String? = nil
    public var howToAttend: String? = nil

    public init(
        id: Int64? = nil, bodyId: Int64, title: String, startsAt: Date, endsAt: Date? = nil, locationId: Int64? =
        nil, status: MeetingStatus, agendaPublishedAt: Date? = nil, lateReason: String? = nil, inquiryId: Int64? =
        nil, convenedAt: Date? = nil, privateNoticeAt: Date? = nil, statusReason: String? = nil
    ) {
        self.statusReason = statusReason
        self.id = id
        self.bodyId = bodyId
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.locationId = locationId
        self.status = status
        self.agendaPublishedAt = agendaPublishedAt
        self.lateReason = lateReason
        self.inquiryId = inquiryId
        self.convenedAt = convenedAt
        self.privateNoticeAt = privateNoticeAt
    }
}

/// One item of business. An exempt item shows the public only its title and Schedule 12A paragraph.
public struct AgendaItem: Codable, Sendable, Equatable {
    public var id: Int64?
    public var meetingId: Int64
    public var position: Int
    public var number: String
    public var title: String
    public var itemType: AgendaItemType
    public var isExempt: Bool
    public var exemptParagraph: ExemptParagraph?
    public var decision: String?
    /// Why the public interest in keeping the item exempt outweighs disclosing it (Schedule 12A paragraph 10);
    /// shown to clerks, never to the public.
    public var publicInterestReason: String? = nil
    /// When the item was added to an agenda already published: a supplementary item, marked so everywhere.
    public var supplementaryAt: Date? = nil
    /// The special circumstances for which the chair is of the opinion the item should be considered as a matter of
    /// urgency (LGA 1972 s100B(4)(b)); required for an item added inside the publication deadline, shown publicly
    /// and carried into the minutes.
    public var urgency: String? = nil
    /// The rest of the decision record (`DecisionRecord`): why, what else was considered, and from when it applies.
    public var decisionReasons: String? = nil
    public var decisionAlternatives: String? = nil
    /// `yyyy-MM-dd`.
    public var decisionTakesEffect: String? = nil
    /// Where the recording of this item can be watched (issue 19), besides the meeting's own recording.
    public var recordingURL: String? = nil

    public var isSupplementary: Bool { supplementaryAt != nil }

    /// The item's decision record, when a decision has been recorded.
    public var decisionRecord: DecisionRecord? {
        decision.map { DecisionRecord(decision: $0, reasons: decisionReasons, alternatives: decisionAlternatives, takesEffect: decisionTakesEffect.flatMap(Day.init)) }
    }

    public init(
        id: Int64? = nil, meetingId: Int64, position: Int, number: String, title: String, itemType: AgendaItemType,
        isExempt: Bool, exemptParagraph: ExemptParagraph? = nil, decision: String? = nil, publicInterestReason: String? = nil,
        supplementaryAt: Date? = nil, urgency: String? = nil, decisionReasons: String? = nil, decisionAlternatives: String? = nil,
        decisionTakesEffect: String? = nil
    ) {
        self.id = id
        self.meetingId = meetingId
        self.position = position
        self.number = number
        self.title = title
        self.itemType = itemType
        self.isExempt = isExempt
        self.exemptParagraph = exemptParagraph
        self.decision = decision
        self.publicInterestReason = publicInterestReason
        self.supplementaryAt = supplementaryAt
        self.urgency = urgency
        self.decisionReasons = decisionReasons
        self.decisionAlternatives = decisionAlternatives
        self.decisionTakesEffect = decisionTakesEffect
    }
}

/// A report or paper written in Markdown. `html` is rendered once, at publication, and served as is.
public struct Paper: Codable, Sendable, Equatable {
    public var id: Int64?
    public var agendaItemId: Int64
    public var title: String
    public var author: String
    public var markdown: String
    public var html: String?
    public var status: PaperStatus
    public var revision: Int
    public var publishedAt: Date?
    public var createdAt: Date
    /// The revision this one replaces when published.
    public var previousRevisionId: Int64? = nil
    public var supersededAt: Date? = nil
    public var withdrawnAt: Date? = nil
    public var withdrawalReason: String? = nil
    /// Why the paper was published after the five-clear-working-days deadline; shown publicly.
    public var lateReason: String? = nil
    public var kind: PaperKind = .report
    /// For an annual report, the academic year it covers (`AcademicYear.endYear`), chosen by the clerk; nil otherwise.
    public var reportYear: Int? = nil

    public var coveredYear: AcademicYear? { reportYear.map(AcademicYear.init(endYear:)) }

    public init(
        id: Int64? = nil, agendaItemId: Int64, title: String, author: String, markdown: String, html: String? = nil,
        status: PaperStatus, revision: Int, publishedAt: Date? = nil, createdAt: Date, previousRevisionId: Int64? =
        nil, supersededAt: Date? = nil, withdrawnAt: Date? = nil, withdrawalReason: String? = nil, lateReason:
        String? = nil, kind: PaperKind = .report, reportYear: Int? = nil
    ) {
        self.id = id
        self.agendaItemId = agendaItemId
        self.title = title
        self.author = author
        self.markdown = markdown
        self.html = html
        self.status = status
        self.revision = revision
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.previousRevisionId = previousRevisionId
        self.supersededAt = supersededAt
        self.withdrawnAt = withdrawnAt
        self.withdrawalReason = withdrawalReason
        self.lateReason = lateReason
        self.kind = kind
        self.reportYear = reportYear
    }
}

/// A file attached to an agenda item (and optionally to one of its papers); bytes live on disk.
public struct Attachment: Codable, Sendable, Equatable {
    public var id: Int64?
    public var agendaItemId: Int64
    public var paperId: Int64?
    public var fileName: String
    public var mediaType: String
    public var size: Int
    public var sha256: String
    public var storagePath: String
    public var createdAt: Date

    public init(
        id: Int64? = nil, agendaItemId: Int64, paperId: Int64? = nil, fileName: String, mediaType: String, size:
        Int, sha256: String, storagePath: String, createdAt: Date
    ) {
        self.id = id
        self.agendaItemId = agendaItemId
        self.paperId = paperId
        self.fileName = fileName
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.storagePath = storagePath
        self.createdAt = createdAt
    }
}
