import Foundation
import Testing
@testable import TownhallDomain

/// Issue 14.8: an upload's name reads the same to everyone who sees it.
@Suite("Upload names")
struct UploadNameTests {
    @Test func invisibleAndControlCharactersAreRemoved() throws {
        #expect(try UploadName.clean("invoice\u{202E}fdp.exe") == "invoicefdp.exe", "right-to-left override")
        #expect(try UploadName.clean("a\u{2066}b\u{2069}c.pdf") == "abc.pdf", "isolates")
        #expect(try UploadName.clean("minutes\u{0}\u{7}\u{1B}[31m.pdf") == "minutes[31m.pdf", "NUL, bell, escape")
        #expect(try UploadName.clean("line\nbreak\r\n.pdf") == "linebreak.pdf")
        #expect(try UploadName.clean("zero\u{200B}width\u{FEFF}.pdf") == "zerowidth.pdf")
        #expect(try UploadName.clean("tab\there\u{00A0} and   spaces .pdf") == "tab here and spaces .pdf")
    }

    @Test func foldersAndEdgeDotsGo() throws {
        #expect(try UploadName.clean("../../etc/report.pdf") == "report.pdf")
        #expect(try UploadName.clean("C:\\Users\\clerk\\Budget 2027.csv") == "Budget 2027.csv")
        #expect(try UploadName.clean(" ..report.pdf. ") == "report.pdf")
        #expect(try UploadName.clean("Risk register; Q3 \"final\".pdf") == "Risk register; Q3 \"final\".pdf", "ordinary punctuation stays")
        #expect(try UploadName.clean("Cafe\u{301} plan.pdf") == "Caf\u{E9} plan.pdf", "composed")
    }

    @Test func longNamesKeepTheirExtensionAndEmptyOnesAreRefused() throws {
        let long = try UploadName.clean(String(repeating: "x", count: 400) + ".pdf")
        #expect(long.count == UploadName.maxLength && long.hasSuffix(".pdf"))
        for empty in ["", "   ", "\u{202E}", "...", "/", "a/\u{202E}", "\u{0}"] {
            #expect(throws: TownhallError.self, "\(empty.debugDescription)") { try UploadName.clean(empty) }
        }
    }
}
