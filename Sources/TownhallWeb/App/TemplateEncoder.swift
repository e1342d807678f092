import Foundation
import Mustache
import Synchronization

/// Prepares an `Encodable` view model for a template through its compiled `encode(to:)` instead of `Mirror`, giving
/// exactly what `PreparedView.prepare` gives (dictionaries, `PreparedList`, `PreparedText`, values that print
/// themselves as they are). `Mirror` looks up and demangles the type of every field of every value it reflects, and
/// that was two fifths of the CPU of a meeting page the page cache had not seen (issue 15, `perf`); the synthesized
/// `encode(to:)` hands over each field by name with no lookup. A view model opts in by being `Encodable`;
/// `TemplateEncodingTests` renders pages both ways and requires the same bytes.
enum TemplateEncoding {
    /// The prepared value, or nil for a nil optional (absent, as `PreparedView` leaves it).
    static func prepare<T: Encodable>(_ value: T) -> Any? {
        // The types a template prints, compared by metatype (no dynamic cast): arrays of them arrive here.
        if T.self == String.self { return primitive(unsafeBitCast(value, to: String.self)) }
        if T.self == Bool.self { return value }
        if T.self == Int.self { return primitive(unsafeBitCast(value, to: Int.self)) }
        if T.self == Int64.self { return primitive(unsafeBitCast(value, to: Int64.self)) }
        if T.self == Double.self { return primitive(unsafeBitCast(value, to: Double.self)) }
        if T.self == SiteLinks.self { return SiteLinks.prepared }
        guard encodes(value) else { return value }
        let slot = Slot()
        do {
            try value.encode(to: TemplateEncoder(slot: slot))
        } catch {
            // Only a hand-written `encode(to:)` could throw here; `Mirror` still knows the value.
            return PreparedView.prepare(value)
        }
        return slot.prepared
    }

    /// Whether `value`'s type is taken apart field by field (structs and classes that do not print themselves,
    /// collections and optionals) or passed to the template as it is (enums, numbers, dates and anything
    /// `CustomStringConvertible`), as `PreparedView.prepare` decides; asked of `Mirror` once per type.
    private static func encodes<T>(_ value: T) -> Bool {
        let type = ObjectIdentifier(T.self)
        if let known = decided.withLock({ $0[type] }) { return known }
        let encodes = switch Mirror(reflecting: value).displayStyle {
        case .collection, .optional: true
        case .struct, .class: !(value is CustomStringConvertible)
        default: false
        }
        decided.withLock { $0[type] = encodes }
        return encodes
    }

    private static let decided = Mutex<[ObjectIdentifier: Bool]>([:])

    /// What one value encoded into: members, items or a single value.
    final class Slot {
        var members: [String: Any]?
        var items: [Any]?
        var single: Any?

        var prepared: Any? {
            if let members { return members }
            if let items { return PreparedList(items: items) }
            return single
        }
    }

    /// A single value as `PreparedView` prepares it, wherever it arrives (a field, an item of a list, a value alone).
    static func primitive(_ value: String) -> Any { PreparedText(description: value) }
    static func primitive(_ value: Int) -> Any { PreparedText(description: String(value)) }
    static func primitive(_ value: Int64) -> Any { PreparedText(description: String(value)) }
    static func primitive(_ value: Double) -> Any { PreparedText(description: String(describing: value)) }
}

/// An object that has been given members by a nested container: it answers a template as a dictionary would.
private final class NestedMembers: MustacheParent {
    var members: [String: Any] = [:]
    func child(named name: String) -> Any? { members[name] }
}

private struct TemplateEncoder: Encoder {
    let slot: TemplateEncoding.Slot
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.members == nil { slot.members = [:] }
        return KeyedEncodingContainer(KeyedContainer<Key>(store: .slot(slot)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.items == nil { slot.items = [] }
        return UnkeyedContainer(store: .slot(slot))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(slot: slot) }
}

/// Where a container writes: the value's own slot, or an object or list made by a nested container.
private enum Store {
    case slot(TemplateEncoding.Slot)
    case nested(NestedMembers)
    case nestedList(NestedItems)

    func set(_ key: String, _ value: Any?) {
        guard let value else { return }
        switch self {
        case .slot(let slot): slot.members?[key] = value
        case .nested(let object): object.members[key] = value
        case .nestedList: break
        }
    }

    func append(_ value: Any) {
        switch self {
        case .slot(let slot): slot.items?.append(value)
        case .nestedList(let list): list.items.append(value)
        case .nested: break
        }
    }

    var count: Int {
        switch self {
        case .slot(let slot): slot.items?.count ?? 0
        case .nestedList(let list): list.items.count
        case .nested: 0
        }
    }
}

/// A list made by a nested container, answering a template as `PreparedList` does.
private final class NestedItems: MustacheSequence, MustacheParent {
    var items: [Any] = []
    func makeIterator() -> IndexingIterator<[Any]> { items.makeIterator() }
    func child(named: String) -> Any? { nil }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let store: Store
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) {}
    mutating func encode(_ value: Bool, forKey key: Key) { store.set(key.stringValue, value) }
    mutating func encode(_ value: String, forKey key: Key) { store.set(key.stringValue, TemplateEncoding.primitive(value)) }
    mutating func encode(_ value: Int, forKey key: Key) { store.set(key.stringValue, TemplateEncoding.primitive(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) { store.set(key.stringValue, TemplateEncoding.primitive(value)) }
    mutating func encode(_ value: Double, forKey key: Key) { store.set(key.stringValue, TemplateEncoding.primitive(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { store.set(key.stringValue, TemplateEncoding.prepare(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let object = NestedMembers()
        store.set(key.stringValue, object)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(store: .nested(object)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let list = NestedItems()
        store.set(key.stringValue, list)
        return UnkeyedContainer(store: .nestedList(list))
    }

    mutating func superEncoder() -> any Encoder { TemplateEncoder(slot: TemplateEncoding.Slot()) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TemplateEncoder(slot: TemplateEncoding.Slot()) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let store: Store
    var codingPath: [any CodingKey] { [] }
    var count: Int { store.count }

    /// A nil in a list stays in it, as `PreparedView` keeps it.
    mutating func encodeNil() { store.append(Optional<Any>.none as Any) }
    mutating func encode<T: Encodable>(_ value: T) { store.append(TemplateEncoding.prepare(value) ?? value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let object = NestedMembers()
        store.append(object)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(store: .nested(object)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let list = NestedItems()
        store.append(list)
        return UnkeyedContainer(store: .nestedList(list))
    }

    mutating func superEncoder() -> any Encoder { TemplateEncoder(slot: TemplateEncoding.Slot()) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let slot: TemplateEncoding.Slot
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() { slot.single = nil }
    mutating func encode(_ value: Bool) { slot.single = value }
    mutating func encode(_ value: String) { slot.single = TemplateEncoding.primitive(value) }
    mutating func encode(_ value: Int) { slot.single = TemplateEncoding.primitive(value) }
    mutating func encode(_ value: Int64) { slot.single = TemplateEncoding.primitive(value) }
    mutating func encode(_ value: Double) { slot.single = TemplateEncoding.primitive(value) }
    mutating func encode<T: Encodable>(_ value: T) { slot.single = TemplateEncoding.prepare(value) }
}
