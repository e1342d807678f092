import Foundation
import Testing
@testable import TownhallMarkdown
import TownhallDomain
@testable import TownhallWeb

/// Form fields are named once, in `FormField`: routes, view models and the error summary use its cases, so the
/// compiler catches a renamed field there; this test catches a template that sends a name the routes never read,
/// or a case no form sends any more.
@Suite("Templates send only the fields the routes read")
struct FormFieldTests {
    @Test func everyTemplateFieldIsAFormFieldAndEveryFormFieldIsSent() throws {
        let folder = packageRoot.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        let control = try Regex(#"<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)""#)
        let element = try Regex(#"\bid="([^"]+)""#)
        var sent = Set<FormField>()
        var anchors = Set<String>()
        var checked = 0
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: control) {
                let field = String(match.output[1].substring!)
                checked += 1
                // The provider's per-recommendation answers are named by the domain's `ResponseField`, given
                // to the template by its view model.
                if field.hasPrefix("{{fields.") { continue }
                // A field repeated per row is `name-{{id}}`.
                let base = field.components(separatedBy: "-{{").first!
                guard let known = FormField(rawValue: base) else {
                    Issue.record("\(name) sends a field named \(field), which no route reads")
                    continue
                }
                sent.insert(known)
            }
            for match in text.matches(of: element) { anchors.insert(String(match.output[1].substring!)) }
        }
        #expect(checked > 60)
        // A paper's headings are shown inside these pages; their ids start with a prefix no page id uses.
        #expect(!anchors.isEmpty && anchors.allSatisfy { !$0.hasPrefix(MarkdownRenderer.headingIdPrefix) },
                "\(anchors.filter { $0.hasPrefix(MarkdownRenderer.headingIdPrefix) })")
        for field in FormField.allCases where !sent.contains(field) && !FormField.sentByLinks.contains(field) {
            // A section an error about the whole of it links to (the agenda, the attendance list) has an id.
            #expect(anchors.contains(field.rawValue), "no template sends \(field.rawValue) or has an element with that id")
        }
    }

    /// The answer fields are one partial, which the responder's form and the clerk's letter form both include.
    @Test func theProviderFormsFieldNamesComeFromTheDomain() throws {
        func template(_ name: String) throws -> String {
            try String(contentsOf: packageRoot.appendingPathComponent("Templates/\(name).mustache"), encoding: .utf8)
        }
        let text = try template("_answer-fieldsets")
        for field in ResponseField.allCases {
            #expect(text.contains("name=\"{{fields.\(field.rawValue)}}\""), "\(field)")
        }
        for form in ["provider-response", "admin-letter-response"] { #expect(try template(form).contains("{{> _answer-fieldsets}}"), "\(form)") }
    }
}
