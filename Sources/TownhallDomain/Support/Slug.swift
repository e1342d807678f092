/// URL slugs: lower-case ASCII letters and digits joined by single hyphens.
public enum Slug {
    public static func validate(_ text: String, what: String) throws -> String {
        let isValid = !text.isEmpty && text.count <= 80
            && text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
        guard isValid else {
            throw TownhallError.invalid("\(what) slug \"\(text)\" must be lower-case letters and digits joined by hyphens, for example harford-lpac")
        }
        return text
    }

    /// Makes a slug from free text; used for heading anchors.
    public static func make(from text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                result.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return result
    }
}
