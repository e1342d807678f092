import Foundation

/// A table given to a clerk's import form: a chosen CSV file (`csvFile`) or text pasted in the box (`csv`); the file
/// wins when both are given. The form handed back has the file's text in the box, so after a mistake the clerk
/// mends it there instead of choosing the file again (a browser never refills a file field).
enum CSVUpload {
    static func text(_ form: FormData, errors: inout FormErrors) -> (text: String, kept: FormData) {
        var kept = form
        if let file = form.files[FormField.csvFile.rawValue], !file.data.isEmpty {
            guard let text = String(data: file.data, encoding: .utf8), !text.unicodeScalars.contains("\u{0}") else {
                errors.add(.csvFile, "The file is not text in UTF-8; save it from the spreadsheet as CSV UTF-8 and choose it again")
                return ("", kept)
            }
            kept.values[FormField.csv.rawValue] = text
            return (text, kept)
        }
        let text = form[.csv]
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add(.csv, "Choose a CSV file, or paste the table") }
        return (text, kept)
    }
}
