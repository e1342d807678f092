import Foundation
import NIOConcurrencyHelpers

/// A part of a page rendered once and reused while what it shows is unchanged, for a part that costs more than the
/// rest of its page: the search form's list of every body (300 options on the bench store) was most of the cost of
/// a search page the page cache had not seen (issue 15). The key is the fragment's whole input, compared exactly,
/// so a changed list can never be served from the old copy. The HTML comes from a Mustache template (escaped as
/// every template is), so it is as safe to include as the page around it.
final class RenderedFragment<Key: Equatable & Sendable>: Sendable {
    private let memo = NIOLockedValueBox<(key: Key, html: String)?>(nil)

    func html(for key: Key, render: () -> String) -> String {
        if let found = memo.withLockedValue({ $0 }), found.key == key { return found.html }
        let html = render()
        memo.withLockedValue { $0 = (key, html) }
        return html
    }
}
