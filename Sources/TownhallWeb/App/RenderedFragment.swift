import Foundation
import NIOConcurrencyHelpers

/// A part of a page rendered once and reused while the store is unchanged, for a part that costs more than the
/// rest of its page: reading and rendering the search form's list of every body (300 options on the bench store,
/// 900 on the largest) was most of the cost of a search page the page cache had not seen, and grew with the store
/// (issue 15). The key is the store's version (`StoreVersion`, which every write changes, as the page cache's is),
/// so a changed list is never served from the old copy. The HTML comes from a Mustache template (escaped as every
/// template is), so it is as safe to include as the page around it.
final class RenderedFragment: Sendable {
    private let memo = NIOLockedValueBox<(version: Int64, html: String)?>(nil)

    func html(version: Int64, render: () async throws -> String) async rethrows -> String {
        if let found = memo.withLockedValue({ $0 }), found.version == version { return found.html }
        let html = try await render()
        memo.withLockedValue { $0 = (version, html) }
        return html
    }
}
