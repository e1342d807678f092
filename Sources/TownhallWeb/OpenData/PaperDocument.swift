import Foundation
import TownhallDomain

/// A paper's text as a standalone HTML document: the file OParl gives as the paper's `mainFile`, served at
/// `/papers/{id}/document`. Built from the HTML stored at publication, so the bytes, and the `size` OParl states
/// for them, are the same on every request.
enum PaperDocument {
    static let mediaType = "text/html"

    static func fileName(_ paperId: Int64) -> String { "paper-\(paperId).html" }

    static func bytes(_ paper: Paper) -> [UInt8] { Array(parts(paper).joined().utf8) }

    /// The document's length in bytes, without building it: every paper in an OParl list states its main file's
    /// size, and copying each paper's HTML to count it was work thrown away.
    static func size(_ paper: Paper) -> Int { parts(paper).reduce(0) { $0 + $1.utf8.count } }

    /// The document in pieces, the stored HTML as one of them, so `bytes` and `size` cannot disagree.
    static func parts(_ paper: Paper) -> [String] {
        let title = AtomFeed.escape(paper.title)
        return [
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>\(title)</title></head>\n<body>\n<h1>\(title)</h1>\n",
            paper.html ?? "",
            "\n</body>\n</html>\n",
        ]
    }
}
