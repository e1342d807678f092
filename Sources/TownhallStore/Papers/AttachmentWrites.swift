import Foundation
import GRDB
import TownhallDomain
import TownhallMarkdown

/// Files attached to an agenda item or one of its papers: bytes on disk, a row in the store.
extension AppDatabase {
    /// Stores the bytes, then the row; if the row cannot be written, newly written bytes are removed again.
    public func attach(
        itemId: Int64, paperId: Int64?, fileName: String, data: Data, files: AttachmentFiles, maxBytes: Int, now: Date,
        actor: Actor
    ) throws -> Attachment {
        let name = try UploadName.clean(fileName)
        guard data.count <= maxBytes else {
            throw TownhallError.invalid("\(name) is \(data.count) bytes; the limit is \(maxBytes) bytes")
        }
        guard !data.isEmpty else { throw TownhallError.invalid("\(name) is empty") }
        let mediaType = try AttachmentFiles.mediaType(forFileName: name)
        let stored = try files.store(data)
        do {
            return try writer.write { db in
                guard let item = try AgendaItem.fetchOne(db, key: itemId) else {
                    throw TownhallError.notFound("no agenda item with id \(itemId)")
                }
                if let paperId {
                    guard let paper = try Paper.fetchOne(db, key: paperId), paper.agendaItemId == item.id else {
                        throw TownhallError.notFound("no paper with id \(paperId) on agenda item \(itemId)")
                    }
                }
                // The bytes may have been removed with another attachment since `store` found them on disk.
                if !FileManager.default.fileExists(atPath: files.url(for: stored.relativePath).path) { _ = try files.store(data) }
                var record = Attachment(
                    agendaItemId: itemId, paperId: paperId, fileName: name, mediaType: mediaType, size: stored.size,
                    sha256: stored.sha256, storagePath: stored.relativePath, createdAt: now)
                try record.insert(db)
                try db.audit(actor, .attach, .attachment, record.id, "\(name) to item \(itemId)", at: now)
                return record
            }
        } catch {
            if stored.isNew { files.remove(stored.relativePath) }
            throw error
        }
    }

    /// Removes an attachment row; its bytes go too unless another attachment has the same content.
    public func removeAttachment(id: Int64, files: AttachmentFiles, now: Date, actor: Actor) throws {
        try writer.write { db in
            guard let file = try Attachment.fetchOne(db, key: id) else { throw TownhallError.notFound("no attachment with id \(id)") }
            try file.delete(db)
            try db.audit(actor, .remove, .attachment, id, "\(file.fileName) from item \(file.agendaItemId)", at: now)
            // Inside the write so a concurrent `attach` of the same bytes (which re-checks inside its own write) cannot lose them.
            if try Attachment.filter(Column("storagePath") == file.storagePath).fetchCount(db) == 0 { files.remove(file.storagePath) }
        }
    }
}
