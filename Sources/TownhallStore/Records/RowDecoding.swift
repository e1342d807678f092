import Foundation
import GRDB
import TownhallDomain

// Hand-written row decoding for the records every public page reads. GRDB's Codable decoding looks up each column
// by name through a keyed container; for the meetings CSV that was a quarter of the time, and for the search form's
// body list a third (issue 15). Each decodes exactly the Codable fields, by the same column names, and throws
// (never traps) on a NULL or unknown value as Codable decoding did; `RecordDecodingTests` compares both ways.

extension BodyKind: DatabaseValueConvertible {}
extension MeetingStatus: DatabaseValueConvertible {}
extension PaperStatus: DatabaseValueConvertible {}
extension PaperKind: DatabaseValueConvertible {}
extension AgendaItemType: DatabaseValueConvertible {}
extension ExemptParagraph: DatabaseValueConvertible {}

extension Meeting {
    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), bodyId: try row.decode(forColumn: "bodyId"), title: try row.decode(forColumn: "title"),
            startsAt: try row.decode(forColumn: "startsAt"), endsAt: try row.decode(forColumn: "endsAt"),
            locationId: try row.decode(forColumn: "locationId"), status: try row.decode(forColumn: "status"),
            agendaPublishedAt: try row.decode(forColumn: "agendaPublishedAt"), lateReason: try row.decode(forColumn: "lateReason"),
            inquiryId: try row.decode(forColumn: "inquiryId"), convenedAt: try row.decode(forColumn: "convenedAt"),
            privateNoticeAt: try row.decode(forColumn: "privateNoticeAt"), statusReason: try row.decode(forColumn: "statusReason"))
        access = MeetingAccess(
            webcastURL: try row.decode(forColumn: "webcastURL"), recordingURL: try row.decode(forColumn: "recordingURL"),
            contactName: try row.decode(forColumn: "contactName"), contactEmail: try row.decode(forColumn: "contactEmail"),
            contactPhone: try row.decode(forColumn: "contactPhone"), howToAttend: try row.decode(forColumn: "howToAttend"))
    }
}

extension AgendaItem {
    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), meetingId: try row.decode(forColumn: "meetingId"), position: try row.decode(forColumn: "position"),
            number: try row.decode(forColumn: "number"), title: try row.decode(forColumn: "title"), itemType: try row.decode(forColumn: "itemType"),
            isExempt: try row.decode(forColumn: "isExempt"), exemptParagraph: try row.decode(forColumn: "exemptParagraph"),
            decision: try row.decode(forColumn: "decision"), publicInterestReason: try row.decode(forColumn: "publicInterestReason"),
            supplementaryAt: try row.decode(forColumn: "supplementaryAt"), urgency: try row.decode(forColumn: "urgency"),
            decisionReasons: try row.decode(forColumn: "decisionReasons"), decisionAlternatives: try row.decode(forColumn: "decisionAlternatives"),
            decisionTakesEffect: try row.decode(forColumn: "decisionTakesEffect"))
        recordingURL = try row.decode(forColumn: "recordingURL")
    }
}

extension Paper {
    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), agendaItemId: try row.decode(forColumn: "agendaItemId"), title: try row.decode(forColumn: "title"),
            author: try row.decode(forColumn: "author"), markdown: try row.decode(forColumn: "markdown"), html: try row.decode(forColumn: "html"),
            status: try row.decode(forColumn: "status"), revision: try row.decode(forColumn: "revision"),
            publishedAt: try row.decode(forColumn: "publishedAt"), createdAt: try row.decode(forColumn: "createdAt"),
            previousRevisionId: try row.decode(forColumn: "previousRevisionId"), supersededAt: try row.decode(forColumn: "supersededAt"),
            withdrawnAt: try row.decode(forColumn: "withdrawnAt"), withdrawalReason: try row.decode(forColumn: "withdrawalReason"),
            lateReason: try row.decode(forColumn: "lateReason"), kind: try row.decode(forColumn: "kind"),
            reportYear: try row.decode(forColumn: "reportYear"))
    }
}

extension Body {
    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), slug: try row.decode(forColumn: "slug"), name: try row.decode(forColumn: "name"),
            kind: try row.decode(forColumn: "kind"), description: try row.decode(forColumn: "description"), area: try row.decode(forColumn: "area"),
            responseRule: try row.decode(forColumn: "responseRule"), dueSoonWorkingDays: try row.decode(forColumn: "dueSoonWorkingDays"),
            longOverdueWorkingDays: try row.decode(forColumn: "longOverdueWorkingDays"))
    }
}
