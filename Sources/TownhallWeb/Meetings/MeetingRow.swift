import Foundation
import TownhallDomain
import TownhallStore

/// A meeting as one line in a list, with dates already in local time.
struct MeetingRow: Sendable, Encodable {
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
/// A file kept in the data directory (`AttachmentFiles`, content-addressed), as downloads and links need it.
struct StoredFile: Sendable {
    let fileName: String
    let mediaType: String
    let size: Int
    let sha256: String
    let storagePath: String

    init(_ file: Attachment) {
        (fileName, mediaType, size, sha256, storagePath) = (file.fileName, file.mediaType, file.size, file.sha256, file.storagePath)
    }

    /// A contribution's file, nil when it has none; its content address is the last part of its stored path.
    init?(_ contribution: Contribution) {
        guard let path = contribution.filePath, let name = contribution.fileName, let type = contribution.fileType else { return nil }
        (fileName, mediaType, size, sha256, storagePath) = (name, type, contribution.fileSize ?? 0, (path as NSString).lastPathComponent, path)
    }
}

struct AttachmentLink: Sendable, Encodable {
    let name: String
    let url: String
    let details: String

    init(_ file: Attachment) {
        self.init(StoredFile(file), url: SiteURL.attachment(file.id!, name: file.fileName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "file").path)
    }

    /// A link to a stored file at `url`, described as "PDF, 120 KB".
    init(_ file: StoredFile, url: String) {
        name = file.fileName
        self.url = url
        let ext = (file.fileName as NSString).pathExtension.uppercased()
        details = "\(ext.isEmpty ? file.mediaType : ext), \(Self.size(file.size))"
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return "\(Int((Double(bytes) / 1024).rounded())) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
