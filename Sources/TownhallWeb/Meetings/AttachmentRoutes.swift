import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Files on agenda items: uploaded from the item page (multipart, no JavaScript), downloaded and removed by the clerk.
struct AttachmentRoutes: Sendable {
    let clerk: BackOfficeRoutes
    let files: AttachmentFiles
    let maxUploadBytes: Int

    var database: AppDatabase { clerk.database }

    func register(on routes: RouteTable) {
        routes.post(.adminItemAttachments, use: upload)
        routes.get(.adminAttachment, use: download)
        routes.post(.adminAttachmentDelete, use: remove)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let submitted: ((AgendaItem, MeetingSummary), User, FormData)
        do {
            // Room for the form's other fields and the multipart framing on top of the file itself.
            submitted = try await clerk.submission(
                request, context, clerk.requireItem, bodyId: { $0.1.meeting.bodyId }, limit: maxUploadBytes + 64 * 1024)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            // `submission` authorises before it reads the body, so only a permitted clerk reaches this page.
            let (item, meeting) = try await clerk.requireItem(context)
            var errors = FormErrors()
            errors.add(.file, "The file must be smaller than \(AttachmentLink.size(maxUploadBytes))")
            return try await clerk.itemForm(item: item, meeting: meeting, form: clerk.itemValues(item), errors: errors, context: context,
                                            status: .contentTooLarge)
        }
        let ((item, meeting), user, form) = submitted
        var errors = FormErrors()
        let paperId = form[.paper].isEmpty ? nil : Int64(form[.paper])
        if let file = form.files["file"], !file.fileName.isEmpty {
            do {
                _ = try await database.perform { try $0.attach(
                    itemId: item.id!, paperId: paperId, fileName: file.fileName, data: file.data, files: files, maxBytes: maxUploadBytes,
                    now: clerk.now(), actor: .user(user)) }
                return .redirect(to: SiteURL.adminItemEdit(item.id!).path(fragment: "files"), type: .normal)
            } catch let error as TownhallError {
                guard case .invalid = error else { throw error }
                errors.add(.file, error.message.asSentence)
            }
        } else {
            errors.add(.file, "Choose a file to attach")
        }
        return try await clerk.itemForm(item: item, meeting: meeting, form: clerk.itemValues(item), errors: errors, context: context,
                                        status: .unprocessableContent)
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let found = try await database.clerkAttachment(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
        _ = try await clerk.clerk(request, context, bodyId: found.meeting.bodyId)
        return try PublicRoutes.fileResponse(found.attachment, files: files, cacheControl: "no-store")
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (found, user, _) = try await clerk.submission(request, context, { context in
            guard let found = try await database.clerkAttachment(id: try PublicRoutes.id(context)) else { throw HTTPError(.notFound) }
            return found
        }, bodyId: { $0.meeting.bodyId })
        try await database.perform { try $0.removeAttachment(id: found.attachment.id!, files: files, now: clerk.now(), actor: .user(user)) }
        return .redirect(to: SiteURL.adminItemEdit(found.item.id!).path(fragment: "files"), type: .normal)
    }
}
