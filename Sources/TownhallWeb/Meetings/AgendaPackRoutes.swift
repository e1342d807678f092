import Foundation
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// Serves a meeting's agenda pack as made (`AgendaPacks`): the HTML to read or print, the PDF to download. A 404
/// until the pack exists (the agenda is not yet published, or it is being made), and for a PDF that could not be made.
struct AgendaPackRoutes: Sendable {
    let database: AppDatabase
    let packs: AgendaPacks

    func register(on routes: RouteTable) {
        routes.get(.agendaPack) { _, context in try await file(context, pdf: false) }
        routes.get(.agendaPackPDF) { _, context in try await file(context, pdf: true) }
    }

    func file(_ context: AppRequestContext, pdf: Bool) async throws -> Response {
        guard let id = Int64(try context.parameters.require("id")), let pack = try await database.agendaPack(meetingId: id),
              !pdf || pack.pdfBytes != nil,
              let data = FileManager.default.contents(atPath: (pdf ? packs.pdfFile(id) : packs.htmlFile(id)).path)
        else { throw HTTPError(.notFound) }
        // Tagged with the pack's id, which changes each time it is made, so the page cache and browsers revalidate.
        var headers: HTTPFields = [.contentType: pdf ? "application/pdf" : "text/html; charset=utf-8", .eTag: "\"pack-\(pack.id)-\(pdf ? "pdf" : "html")\""]
        if pdf { headers[.contentDisposition] = "inline; filename=\"agenda-pack-meeting-\(id).pdf\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
