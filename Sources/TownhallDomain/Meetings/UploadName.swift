import Foundation

/// The name an uploaded file is stored and shown under. A browser sends whatever the sender's disk held, so the
/// name is reduced to what reads the same to everyone: no folders, no control characters and no invisible
/// formatting characters (bidirectional overrides such as U+202E make `invoice\u{202E}fdp.exe` display as
/// `invoiceexe.pdf`), single spaces, and no more than `maxLength` characters with the extension kept.
public enum UploadName {
    public static let maxLength = 150

    /// The cleaned name, or an error when nothing usable is left.
    public static func clean(_ raw: String) throws -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in base.precomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                if scalar == "\t" { scalars.append(" ") }
            case .spaceSeparator:
                scalars.append(" ")
            default:
                scalars.append(scalar)
            }
        }
        var name = String(scalars).split(separator: " ").joined(separator: " ")
        name = String(name.drop(while: { $0 == "." || $0 == " " }))
        while let last = name.last, last == "." || last == " " { name.removeLast() }
        if name.count > maxLength {
            let ext = (name as NSString).pathExtension
            let keep = ext.isEmpty || ext.count > 10 ? "" : "." + ext
            name = String(name.prefix(maxLength - keep.count)).trimmingCharacters(in: .whitespaces) + keep
        }
        guard !name.isEmpty else { throw TownhallError.invalid("the file needs a name") }
        return name
    }
}
