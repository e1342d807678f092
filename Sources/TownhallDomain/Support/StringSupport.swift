import Foundation

extension String {
    /// nil for an empty string: an optional reason left blank is no reason, and a template section shows nothing
    /// rather than an empty label.
    public var nonEmpty: String? { isEmpty ? nil : self }

    /// The text without surrounding white space, or nil when nothing is left.
    public var trimmedOrNil: String? { trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty }
}
