/// Every number a request carries (query string, path, form) is read here, bounded before any arithmetic, so no
/// value a client sends can overflow and trap the process. Only plain ASCII digits (with a leading minus where
/// negatives make sense) are numbers; anything else is refused with a message saying what is expected.
enum RequestNumber {
    /// The last page any list shows; a page past the end is harmless (it is empty), so larger values clamp here.
    static let maxPage = 10_000

    struct Refused: Error, Equatable {
        let message: String
    }

    /// A whole number in `range`; nil for anything else (empty, not digits, too long, out of range).
    static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = plain(text), range.contains(value) else { return nil }
        return value
    }

    /// A page number: absent or empty is the first page, past `maxPage` is the last; anything that is not a whole
    /// number from 1 is refused.
    static func page(_ text: String?) throws(Refused) -> Int {
        guard let text, !text.isEmpty else { return 1 }
        let digits = text.utf8.allSatisfy { (48...57).contains($0) }
        guard digits, text.utf8.contains(where: { $0 != 48 }) else { throw Refused(message: "page must be a whole number from 1") }
        // Any run of digits longer than the limit's is past the last page.
        guard let value = plain(text), value <= maxPage else { return maxPage }
        return value
    }

    /// A database id from a path or form: a whole number from 1; nil for anything else, which is simply not there.
    static func id(_ text: String?) -> Int64? {
        guard let text, let value = plain(text), value >= 1 else { return nil }
        return Int64(value)
    }

    /// ASCII digits with an optional leading minus, at most 18 of them (so the value fits with room for arithmetic).
    private static func plain(_ text: String) -> Int? {
        var utf8 = Substring(text).utf8[...]
        if utf8.first == 45 { utf8 = utf8.dropFirst() }
        guard (1...18).contains(utf8.count), utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }
}
