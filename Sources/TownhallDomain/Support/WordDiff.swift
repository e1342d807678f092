import Foundation

/// What changed, word by word, between two versions of a text (a response's reasons or promised action), so a
/// reader can see what a correction altered rather than compare two paragraphs by eye (issue 18).
///
/// The common start and end are matched first (a correction usually changes a few words in the middle); the middle
/// is matched by longest common subsequence while it is small enough to do so quickly, and beyond that shown as
/// removed then added, which is still true, only coarser.
public enum WordDiff {
    public enum Piece: Equatable, Sendable {
        case same(String), removed(String), added(String)
    }

    /// Cells of the subsequence table the middle may take: a few hundred words each side.
    public static let maxTable = 160_000

    public static func diff(_ old: String, _ new: String) -> [Piece] {
        let a = words(old), b = words(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = Array(a[prefix..<(a.count - suffix)]), newMiddle = Array(b[prefix..<(b.count - suffix)])
        var pieces: [Piece] = a[..<prefix].map { .same($0) }
        pieces += middle(oldMiddle, newMiddle)
        pieces += a[(a.count - suffix)...].map { .same($0) }
        return merged(pieces)
    }

    static func words(_ text: String) -> [String] { text.split(whereSeparator: \.isWhitespace).map(String.init) }

    static func middle(_ a: [String], _ b: [String]) -> [Piece] {
        if a.isEmpty { return b.map { .added($0) } }
        if b.isEmpty { return a.map { .removed($0) } }
        guard a.count * b.count <= maxTable else { return a.map { .removed($0) } + b.map { .added($0) } }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var pieces: [Piece] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                pieces.append(.same(a[i])); i += 1; j += 1
            } else if lengths[i + 1][j] >= lengths[i][j + 1] {
                pieces.append(.removed(a[i])); i += 1
            } else {
                pieces.append(.added(b[j])); j += 1
            }
        }
        pieces += a[i...].map { .removed($0) } + b[j...].map { .added($0) }
        return pieces
    }

    /// Runs of the same kind joined into one piece, words separated by single spaces.
    static func merged(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        for piece in pieces {
            switch (out.last, piece) {
            case (.same(let x)?, .same(let y)): out[out.count - 1] = .same(x + " " + y)
            case (.removed(let x)?, .removed(let y)): out[out.count - 1] = .removed(x + " " + y)
            case (.added(let x)?, .added(let y)): out[out.count - 1] = .added(x + " " + y)
            default: out.append(piece)
            }
        }
        return out
    }
}
