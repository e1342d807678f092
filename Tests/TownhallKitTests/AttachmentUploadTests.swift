import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Files attached in the browser: multipart upload with the configured size limit and allowed types.
@Suite struct AttachmentUploadTests {
    func budgetItem(_ office: BackOffice) throws -> AgendaItem {
        try office.store.database.list(AgendaItem.self).first { $0.title.hasPrefix("Force budget") }!
    }

    @Test func clerkUploadsAFileThatResidentsDownload() async throws {
        let office = try BackOffice()
        let item = try budgetItem(office)
        let pdf = Data("%PDF-1.4\nreport\n%%EOF\n".utf8)
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let page = try await browser.get("/admin/items/\(item.id!)/edit")
            #expect(page.body.contains("enctype=\"multipart/form-data\""))
            #expect(page.body.contains("budget-2027-28.csv"), "the demo's file is listed")
            let sent = try await browser.upload(
                "/admin/items/\(item.id!)/attachments", [("_csrf", page.csrf!), ("paper", "")],
                file: ("file", "Risk register; Q3 %22final%22.pdf", pdf))
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/admin/items/\(item.id!)/edit#files")
            let stored = try office.store.database.list(Attachment.self).last!
            #expect(stored.fileName == "Risk register; Q3 \"final\".pdf")
            #expect(stored.mediaType == "application/pdf" && stored.size == pdf.count)
            #expect(FileManager.default.contents(atPath: office.store.files.url(for: stored.storagePath).path) == pdf)
            #expect(try office.store.database.auditEntries(limit: 1).first?.action == "attach")
            let listed = try await browser.get("/admin/items/\(item.id!)/edit")
            #expect(listed.body.contains("Risk register; Q3 &quot;final&quot;.pdf"))

            let meeting = try await Browser.anonymous(client, "/meetings/\(item.meetingId)")
            #expect(meeting.body.contains("/attachments/\(stored.id!)/"))
            let download = try await Browser.anonymous(client, "/attachments/\(stored.id!)/x")
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
        }
    }

    @Test func oversizedWrongTypeAndMissingFilesGetClearErrorsAndSaveNothing() async throws {
        let office = try BackOffice(maxUploadBytes: 2048)
        let item = try budgetItem(office)
        let before = try office.store.database.list(Attachment.self)
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let csrf = try await browser.get("/admin/items/\(item.id!)/edit").csrf!
            let uri = "/admin/items/\(item.id!)/attachments"

            // Over the limit by a little (the store refuses) and by a lot (the body is not even read).
            let slightly = try await browser.upload(uri, [("_csrf", csrf)], file: ("file", "big.csv", Data(repeating: 65, count: 4096)))
            #expect(slightly.status == .unprocessableContent)
            #expect(slightly.body.contains("the limit is 2048 bytes"))
            let huge = try await browser.upload(uri, [("_csrf", csrf)], file: ("file", "huge.csv", Data(repeating: 65, count: 200_000)))
            #expect(huge.status == .contentTooLarge)
            #expect(huge.body.contains("The file must be smaller than 2 KB"))
            #expect(huge.body.contains("class=\"error-summary\""))

            let html = try await browser.upload(uri, [("_csrf", csrf)], file: ("file", "page.html", Data("<script>alert(1)</script>".utf8)))
            #expect(html.status == .unprocessableContent)
            #expect(html.body.contains("Files of type &quot;.html&quot; cannot be attached"))

            let none = try await browser.upload(uri, [("_csrf", csrf)], file: nil)
            #expect(none.status == .unprocessableContent)
            #expect(none.body.contains("Choose a file to attach"))

            let forged = try await browser.upload(uri, [("_csrf", "forged")], file: ("file", "a.csv", Data("a,b\n".utf8)))
            #expect(forged.status == .forbidden)

            let garbled = try await browser.send(
                uri, method: .post, body: ByteBuffer(string: "not multipart at all"), contentType: "multipart/form-data; boundary=xyz")
            #expect(garbled.status == .badRequest)
        }
        #expect(try office.store.database.list(Attachment.self) == before)
    }

    @Test func clerkDownloadsAndRemovesFiles() async throws {
        let office = try BackOffice()
        let item = try budgetItem(office)
        let file = try office.store.database.list(Attachment.self).first { $0.agendaItemId == item.id }!
        let path = office.store.files.url(for: file.storagePath).path
        try await office.run { client in
            var browser = Browser(client)
            try await browser.signIn("board.clerk@townhall.test", BackOffice.password)
            let download = try await browser.get("/admin/attachments/\(file.id!)")
            #expect(download.status == .ok)
            #expect(download.headers[.cacheControl] == "no-store")
            #expect(download.body.hasPrefix("service_area,"))
            let csrf = try await browser.get("/admin/items/\(item.id!)/edit").csrf!
            #expect(try await browser.post("/admin/attachments/\(file.id!)/delete", [("_csrf", csrf)]).status == .seeOther)
            #expect(try await Browser.anonymous(client, "/attachments/\(file.id!)/x").status == .notFound)
        }
        #expect(try office.store.database.list(Attachment.self).contains { $0.id == file.id } == false)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func multipartParsingHandlesQuotingAndRefusesGarbage() throws {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"abc\"") == "abc")
        #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm.parameter("filename", in: "form-data; name=\"file\"; filename=\"a;b \\\"c\\\".pdf\"") == "a;b \"c\".pdf")
        #expect(MultipartForm.parameter("name", in: "form-data; name=plain") == "plain")
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n2\r\n--b--\r\n".utf8)
        #expect(try MultipartForm(body: body, boundary: "b").fields == ["x": "1"], "the first value wins, as for URL-encoded forms")
        #expect(throws: MultipartForm.Malformed.self) { try MultipartForm(body: Array("--b\r\nno end".utf8), boundary: "b") }
        #expect(throws: MultipartForm.Malformed.self) { try MultipartForm(body: Array("--b\r\n\r\n\r\nx\r\n--b--".utf8), boundary: "b") }
    }
}
