import Foundation
import TownhallDomain
import TownhallStore

/// A meeting as one line in a list, with dates already in local time.
struct MeetingRow: Sendable {
    let title: String
    let url: String
    let bodyName: String
    let bodyURL: String
    let when: String
    let isoStart: String
    let location: String?
    let statusLabel: String
    let isCancelled: Bool
    let isPostponed: Bool
    /// Why it was postponed or cancelled, as published.
    let statusReason: String?

    /// `inBackOffice` links the row to the clerk's page for the meeting instead of the public one.
    init(_ summary: MeetingSummary, time: LocalTime, inBackOffice: Bool = false) {
        let meeting = summary.meeting
        title = meeting.title
        url = inBackOffice ? SiteURL.adminMeeting(meeting.id!).path : SiteURL.meeting(meeting.id!).path
        bodyName = summary.bodyName
        bodyURL = SiteURL.bodyPage(slug: summary.bodySlug).path
        when = time.dateTime(meeting.startsAt)
        isoStart = time.isoLocal(meeting.startsAt)
        location = summary.locationName
        statusLabel = meeting.status.label
        isCancelled = meeting.status == .cancelled
        isPostponed = meeting.status == .postponed
        statusReason = meeting.status.needsReason ? meeting.statusReason : nil
    }
}

/// A downloadable file as listed under an item or paper.
struct AttachmentLink: Sendable {
    let name: String
    let url: String
    let details: String

    init(name: String, url: String, details: String) {
        self.name = name
        self.url = url
        self.details = details
    }

    init(_ file: Attachment) {
        name = file.fileName
        url = SiteURL.attachment(file.id!, name: file.fileName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "file").path
        let ext = (file.fileName as NSString).pathExtension.uppercased()
        details = "\(ext.isEmpty ? file.mediaType : ext), \(Self.size(file.size))"
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return "\(Int((Double(bytes) / 1024).rounded())) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
