import Foundation
import TownhallDomain

/// A paper's text as a standalone HTML document: the file OParl gives as the paper's `mainFile`, served at
/// `/papers/{id}/document`. Built from the HTML stored at publication, so the bytes, and the `size` OParl states
/// for them, are the same on every request.
enum PaperDocument {
    static let mediaType = "text/html"

    static func fileName(_ paperId: Int64) -> String { "paper-\(paperId).html" }

    static func bytes(_ paper: Paper) -> [UInt8] {
        let title = AtomFeed.escape(paper.title)
        return Array("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>\(title)</title></head>
            <body>
            <h1>\(title)</h1>
            \(paper.html ?? "")
            </body>
            </html>

            """.utf8)
    }
}
