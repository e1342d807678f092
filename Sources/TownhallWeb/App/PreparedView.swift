import Foundation
import Mustache

/// Turns a page's view model into nested dictionaries once, before it is rendered. swift-mustache otherwise looks up
/// every `{{name}}` with `Mirror`, reflecting the whole object for each lookup (and each enclosing object on the way
/// up the context stack when a name is not found), which was a quarter of the CPU of a paper page (issue 15).
/// A dictionary answers by hash lookup (`MustacheParent`). What a template sees is unchanged: stored properties
/// only, as `Mirror` gives them; a nil optional is absent, so a lookup falls through to the enclosing object as it
/// did; arrays stay arrays; values that print themselves (strings, numbers, Bool, enums, Foundation values and any
/// `CustomStringConvertible`) are passed as they are, except strings and numbers, which become `PreparedText`, and
/// arrays, which become `PreparedList`: a section on either pushes it as the context, and swift-mustache reflects a
/// plain String or Array with `Mirror` for every name looked up inside that section (a seventh of a meeting page).
enum PreparedView {
    static func prepare(_ value: Any) -> Any? {
        switch value {
        case is Bool:
            return value
        case let text as String:
            return PreparedText(description: text)
        // Cast, not `is`: an optional number in an `Any` passes `is Int` and would print as "Optional(1)".
        case let number as Int:
            return PreparedText(description: String(number))
        case let number as Int64:
            return PreparedText(description: String(number))
        case let number as Double:
            return PreparedText(description: String(describing: number))
        case is SiteLinks:
            return SiteLinks.prepared
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { prepare($0.value) }
        case .collection:
            return PreparedList(items: mirror.children.map { prepare($0.value) ?? $0.value })
        case .struct, .class:
            if value is CustomStringConvertible { return value }
            return members(mirror)
        default:
            return value
        }
    }

    /// A struct's or class's stored properties, each prepared, by name.
    static func members(_ mirror: Mirror) -> [String: Any] {
        var members: [String: Any] = [:]
        members.reserveCapacity(mirror.children.count)
        for child in mirror.children {
            guard let label = child.label, let prepared = prepare(child.value) else { continue }
            members[label] = prepared
        }
        return members
    }
}

/// A string or number prepared for a template: it renders as its text (escaped or not as the tag says), and a name
/// looked up in a section on it goes straight on to the enclosing context.
struct PreparedText: MustacheParent, MustacheCustomRenderable, CustomStringConvertible {
    let description: String
    var renderText: String { description }
    var isNull: Bool { false }
    func child(named: String) -> Any? { nil }
}

/// An array prepared for a template: a section renders once per item as before; an inverted section on an empty
/// one pushes the list itself, where a lookup now goes straight on to the enclosing context.
struct PreparedList: MustacheSequence, MustacheParent {
    let items: [Any]
    func makeIterator() -> IndexingIterator<[Any]> { items.makeIterator() }
    func child(named: String) -> Any? { nil }
}

extension SiteLinks {
    /// The same on every page, so prepared once: reflecting its twenty links for every render was a third of the
    /// preparing of a paper page. Immutable after it is made, so shared across threads safely.
    nonisolated(unsafe) static let prepared: Any = PreparedView.members(Mirror(reflecting: SiteLinks.shared))
}
