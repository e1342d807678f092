import Foundation

/// Errors that reach a person (CLI user or clerk): each carries one plain sentence that says what to fix.
public enum TownhallError: Error, Equatable, Sendable, LocalizedError {
    case notFound(String)
    case invalid(String)
    case conflict(String)
    case io(String)

    public var message: String {
        switch self {
        case .notFound(let m), .invalid(let m), .conflict(let m), .io(let m): m
        }
    }

    public var errorDescription: String? { message }
}
