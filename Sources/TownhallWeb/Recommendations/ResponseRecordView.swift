import Foundation
import TownhallDomain
import TownhallStore

/// An organisation's response record as people read it: on its page, and as the snippet a council or trust may
/// put on its own site (plain HTML, absolute links back, no script, the same `_response-record` partial).
struct ResponseRecordView: Sendable {
    let name: String
    let pageURL: String
    let asOf: String
    let received: Int
    let answeredOnTime: Int
    let answeredLate: Int
    let medianLate: String
    let outstanding: Int
    let overdue: Int
    let longOverdue: Int
    let actionsPastTarget: Int

    /// `base` is empty on Townhall's own pages and the site's address in the snippet, whose links must work elsewhere.
    init(_ organisation: Organisation, record: ResponseRecord, today: Day, time: LocalTime, base: String) {
        name = organisation.name
        pageURL = base + SiteURL.organisation(slug: organisation.slug).path
        asOf = time.longDate(day: today)
        received = record.received
        answeredOnTime = record.answeredOnTime
        answeredLate = record.answeredLate
        medianLate = record.medianWorkingDaysLate.map { Self.days($0) } ?? "none answered late"
        outstanding = record.outstanding
        overdue = record.overdue
        longOverdue = record.longOverdue
        actionsPastTarget = record.actionsPastTarget
    }

    static func days(_ value: Double) -> String {
        let text = value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        return value == 1 ? "1 working day" : "\(text) working days"
    }
}

/// The record as JSON, for a site that lays it out itself. Every key is always present (`null` for no median).
struct ResponseRecordJSON: Encodable {
    let organisation: String
    let slug: String
    let kind: String
    let url: String
    let asOf: String
    let received: Int
    let answeredOnTime: Int
    let answeredLate: Int
    let medianWorkingDaysLate: Double?
    let outstanding: Int
    let overdue: Int
    let longOverdue: Int
    let actionsPastTarget: Int

    init(_ organisation: Organisation, record: ResponseRecord, today: Day, base: String) {
        self.organisation = organisation.name
        slug = organisation.slug
        kind = organisation.kind.rawValue
        url = base + SiteURL.organisation(slug: organisation.slug).path
        asOf = today.description
        received = record.received
        answeredOnTime = record.answeredOnTime
        answeredLate = record.answeredLate
        medianWorkingDaysLate = record.medianWorkingDaysLate
        outstanding = record.outstanding
        overdue = record.overdue
        longOverdue = record.longOverdue
        actionsPastTarget = record.actionsPastTarget
    }

    enum CodingKeys: String, CodingKey {
        case organisation, slug, kind, url, asOf, received, answeredOnTime, answeredLate, medianWorkingDaysLate, outstanding, overdue, longOverdue
        case actionsPastTarget
    }

    func encode(to encoder: any Encoder) throws {
        var row = encoder.container(keyedBy: CodingKeys.self)
        try row.encode(organisation, forKey: .organisation)
        try row.encode(slug, forKey: .slug)
        try row.encode(kind, forKey: .kind)
        try row.encode(url, forKey: .url)
        try row.encode(asOf, forKey: .asOf)
        try row.encode(received, forKey: .received)
        try row.encode(answeredOnTime, forKey: .answeredOnTime)
        try row.encode(answeredLate, forKey: .answeredLate)
        try row.encode(medianWorkingDaysLate, forKey: .medianWorkingDaysLate)
        try row.encode(outstanding, forKey: .outstanding)
        try row.encode(overdue, forKey: .overdue)
        try row.encode(longOverdue, forKey: .longOverdue)
        try row.encode(actionsPastTarget, forKey: .actionsPastTarget)
    }
}
