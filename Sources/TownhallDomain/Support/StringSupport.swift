import Foundation

extension String {
    /// nil for an empty string: an optional reason left blank is no reason, and a template section shows nothing
    /// rather than an empty label.
    public var nonEmpty: String? { isEmpty ? nil : self }

    /// The text without surrounding white space, or nil when nothing is left.
    public var trimmedOrNil: String? { trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty }
}

extension String {
    /// An absolute `http` or `https` address with a host and no spaces: the only kind of outside link Townhall
    /// stores and shows (as the Markdown writer allows for papers).
    public var isWebAddress: Bool {
        guard count <= 2_000, !contains(where: { $0.isWhitespace }), let url = URL(string: self), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return false }
        return true
    }
}
