import Crypto
import Foundation
import TownhallDomain

/// Attachment bytes on disk, content-addressed by SHA-256 under the data directory, so a file stored twice
/// takes space once and a stored path can never be steered outside the directory by a user-supplied name.
public struct AttachmentFiles: Sendable {
    public let root: URL

    public init(dataDirectory: String) {
        root = URL(fileURLWithPath: dataDirectory).appendingPathComponent("attachments")
    }

    public struct Stored: Sendable {
        public var relativePath: String
        public var sha256: String
        public var size: Int
        /// True when this call wrote the file (so a failed transaction should remove it).
        public var isNew: Bool

        public init(
            relativePath: String, sha256: String, size: Int, isNew: Bool
        ) {
            self.relativePath = relativePath
            self.sha256 = sha256
            self.size = size
            self.isNew = isNew
        }
    }

    public func store(_ data: Data) throws -> Stored {
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let relative = "\(digest.prefix(2))/\(digest)"
        let url = root.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path) {
            return Stored(relativePath: relative, sha256: digest, size: data.count, isNew: false)
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw TownhallError.io("cannot write attachment to \(url.path): \(error.localizedDescription)")
        }
        return Stored(relativePath: relative, sha256: digest, size: data.count, isNew: true)
    }

    public func url(for relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public func remove(_ relativePath: String) {
        try? FileManager.default.removeItem(at: url(for: relativePath))
    }

    /// Media types we accept and serve, by file extension. Anything else is refused at upload.
    public static let mediaTypes: [String: String] = [
        "pdf": "application/pdf", "csv": "text/csv", "txt": "text/plain", "md": "text/markdown",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    ]

    public static func mediaType(forFileName name: String) throws -> String {
        let ext = (name as NSString).pathExtension.lowercased()
        guard let type = mediaTypes[ext] else {
            let allowed = mediaTypes.keys.sorted().joined(separator: ", ")
            throw TownhallError.invalid("files of type \".\(ext)\" cannot be attached; allowed: \(allowed)")
        }
        return type
    }
}
