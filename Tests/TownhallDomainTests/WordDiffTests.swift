import Testing
@testable import TownhallDomain

/// A correction's changes, word by word: always a true account of both texts (the old one is the same and removed
/// pieces; the new one the same and added pieces), and as small as the table allows.
@Suite("Word differences")
struct WordDiffTests {
    /// One side of the difference, read back: the old text (same and removed) or the new (same and added).
    static func text(_ pieces: [WordDiff.Piece], old: Bool) -> String {
        pieces.compactMap { piece -> String? in
            switch piece {
            case .same(let text): text
            case .removed(let text): old ? text : nil
            case .added(let text): old ? nil : text
            }
        }.joined(separator: " ")
    }

    @Test func aChangedWordInTheMiddle() {
        #expect(WordDiff.diff("We will publish the data monthly from April.", "We will publish the data weekly from April.") == [
            .same("We will publish the data"), .removed("monthly"), .added("weekly"), .same("from April."),
        ])
        #expect(WordDiff.diff("", "New text") == [.added("New text")])
        #expect(WordDiff.diff("Old text", "") == [.removed("Old text")])
        #expect(WordDiff.diff("Same  text\nhere", "Same text here") == [.same("Same text here")], "whitespace alone is no change")
    }

    @Test func bothTextsAreAlwaysRecovered() {
        var generator = SystemRandomNumberGenerator()
        let vocabulary = ["the", "board", "will", "fund", "a", "second", "control", "room", "not", "by", "April", "2027"]
        for _ in 0..<300 {
            let a = (0..<Int.random(in: 0...30, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }.joined(separator: " ")
            let b = (0..<Int.random(in: 0...30, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }.joined(separator: " ")
            let pieces = WordDiff.diff(a, b)
            #expect(Self.text(pieces, old: true) == a && Self.text(pieces, old: false) == b, "\(a) | \(b)")
        }
    }

    @Test func aHugeMiddleIsShownWholeRatherThanMatchedSlowly() {
        let a = (0..<1_000).map { "a\($0)" }.joined(separator: " "), b = (0..<1_000).map { "b\($0)" }.joined(separator: " ")
        let pieces = WordDiff.diff("start " + a + " end", "start " + b + " end")
        #expect(pieces == [.same("start"), .removed(a), .added(b), .same("end")])
    }
}
