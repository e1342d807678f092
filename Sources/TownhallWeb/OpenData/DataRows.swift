import Foundation
import TownhallDomain
import TownhallStore

/// A row of a bulk download: its CSV columns (the JSON keys, in order) and values.
protocol DataRow {
    static var columns: [String] { get }
    var cells: [String] { get }
}

struct MeetingLine: Encodable, DataRow {
    let id: Int64
    let body: String
    let bodySlug: String
    let title: String
    let startsAt: String
    let endsAt: String
    let location: String
    let status: String
    let agendaPublished: Bool
    let url: String

    static let columns = ["id", "body", "bodySlug", "title", "startsAt", "endsAt", "location", "status", "agendaPublished", "url"]
    var cells: [String] { [String(id), body, bodySlug, title, startsAt, endsAt, location, status, String(agendaPublished), url] }
}

/// A row whose JSON is written directly, members in sorted key order without building a dictionary per row, for
/// the large paged download, where `JSONEncoder`'s generic encoding and then a dictionary per row were most of the
/// render (issue 15). `JSONValueTests` checks the order is sorted and the text is what `JSONEncoder` writes.
protocol JSONRow {
    var jsonMembers: [(String, JSONValue)] { get }
}

extension MeetingLine: JSONRow {
    var jsonMembers: [(String, JSONValue)] {
        [
            ("agendaPublished", .bool(agendaPublished)), ("body", .string(body)), ("bodySlug", .string(bodySlug)), ("endsAt", .string(endsAt)),
            ("id", .int(id)), ("location", .string(location)), ("startsAt", .string(startsAt)), ("status", .string(status)),
            ("title", .string(title)), ("url", .string(url)),
        ]
    }
}

struct RecommendationLine: Encodable, DataRow {
    let id: Int64
    let number: Int
    let body: String
    let organisation: String
    let paperId: Int64
    let paperTitle: String
    let text: String
    let state: String
    let issuedOn: String
    let dueOn: String
    let decision: String
    let answeredOn: String
    let implementation: String
    let percentComplete: String
    let actionTarget: String
    let actionOverdue: Bool
    let url: String

    static let columns = [
        "id", "number", "body", "organisation", "paperId", "paperTitle", "text", "state", "issuedOn", "dueOn", "decision", "answeredOn",
        "implementation", "percentComplete", "actionTarget", "actionOverdue", "url",
    ]
    var cells: [String] {
        [String(id), String(number), body, organisation, String(paperId), paperTitle, text, state, issuedOn, dueOn, decision, answeredOn,
         implementation, percentComplete, actionTarget, String(actionOverdue), url]
    }
}

extension ExtensionRequestLine: DataRow {
    static let columns = [
        "id", "recommendationId", "recommendationNumber", "body", "organisation", "requestedAt", "requestedBy", "dueOnWhenAsked",
        "requestedDueOn", "reason", "decision", "decidedAt", "decidedBy", "grantedDueOn", "decisionNote",
    ]
    var cells: [String] {
        [
            String(id), String(recommendationId), String(recommendationNumber), body, organisation, LocalTime.utc.isoLocal(requestedAt), requestedBy,
            dueOnWhenAsked, requestedDueOn, reason, decision, decidedAt.map(LocalTime.utc.isoLocal) ?? "", decidedBy, grantedDueOn, decisionNote,
        ]
    }
}

extension ResponseLine: DataRow {
    static let columns = [
        "responseId", "version", "submittedAt", "organisation", "body", "paperId", "paperTitle", "recommendationId",
        "recommendationNumber", "decision", "reasons", "action", "targetDate",
    ]
    var cells: [String] {
        return [
            String(responseId), String(version), LocalTime.utc.isoLocal(submittedAt), organisation, body, String(paperId), paperTitle,
            String(recommendationId), String(recommendationNumber), decision, reasons, action, targetDate,
        ]
    }
}

/// The open data page: nothing to fill in, the template documents the columns.
struct DataPageView: Sendable {
    let pageSize = DataSet.pageSize.formatted()
    let licence: OpenDataLicence
}
