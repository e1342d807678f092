import Foundation
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// The OParl 1.1 API under `/oparl/v1.1/`: the system, the installation's one Body, its external lists (paged, with
/// the created/modified filters, deleted objects listed when `modified_since` is given) and every object by its id,
/// deleted ones as tombstones. Errors are JSON too. Every answer is read after the ledger has caught up with the
/// store, so what a list says changed and what an object says agree.
struct OParlRoutes: Sendable {
    let database: AppDatabase
    let ledger: OParlLedger
    let versions: StoreVersion
    let base: String
    let time: LocalTime
    let siteName: String
    let licence: OpenDataLicence
    /// False on a read-only replica, which serves the ledger as the writer keeps it and never writes.
    var catchesUp = true

    func register(on routes: RouteTable) {
        // `/oparl` and `/oparl/v1.1` lead to the System object, where a client starts.
        routes.get(.oparlRoot) { _, _ in Self.redirect(to: .oparlSystem) }
        routes.get(.oparlVersionRoot) { _, _ in Self.redirect(to: .oparlSystem) }
        routes.get(.oparlSystem) { _, _ in
            try Self.json(await read(.init()) { objects in try objects.system() })
        }
        routes.get(.oparlBodies) { request, _ in
            try await list(request, kind: .bodies, link: .oparlBodies)
        }
        routes.get(.oparlBodyList) { request, context in
            guard let kind = OParlKind(rawValue: context.parameters.get("list") ?? ""), kind != .bodies,
                  RequestNumber.id(context.parameters.get("id")) == OParlObjects.body
            else { return Self.error(.notFound, "no such list") }
            return try await list(request, kind: kind, link: .oparlBodyList(OParlObjects.body, list: kind.rawValue))
        }
        routes.get(.oparlBody) { request, context in try await object(request, OParlKind.bodies.rawValue, context) }
        routes.get(.oparlObject) { request, context in try await object(request, context.parameters.get("kind") ?? "", context) }
        routes.get(.paperDocument) { _, context in
            guard let id = RequestNumber.id(context.parameters.get("id")),
                  let paper = try await database.oparlRead({ reader in try reader.publicPaper(id)?.paper })
            else { throw HTTPError(.notFound) }
            let bytes = PaperDocument.bytes(paper)
            return Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .eTag: HTTPCacheMiddleware.etag(bytes)],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    struct Options { var omitInternal = false }

    /// Maps store objects to OParl JSON inside one read, once the ledger has caught up.
    func read<T: Sendable>(_ options: Options, _ body: @escaping @Sendable (OParlObjects) throws -> T) async throws -> T {
        if catchesUp { try await ledger.catchUp(storeVersion: try await versions.current().0) }
        return try await database.oparlRead { [base, time, siteName] reader in
            var objects = OParlObjects(reader: reader, base: base, time: time, siteName: siteName, licence: licence, stamped: true)
            objects.omitInternal = options.omitInternal
            return try body(objects)
        }
    }

    static func options(_ request: Request) -> Options { Options(omitInternal: request.queryValues["omit_internal"] == "true") }

    /// One object by its kind's list name and id, or its tombstone; an unknown kind or id is a JSON 404.
    func object(_ request: Request, _ name: String, _ context: AppRequestContext) async throws -> Response {
        guard let kind = OParlKind(rawValue: name) else { return Self.error(.notFound, "no such kind of object") }
        let key = OParlKey(kind, context.parameters.get("id") ?? "")
        guard let object = try await read(Self.options(request), { objects in try objects.current(key) }) else {
            return Self.error(.notFound, "no such \(kind.rawValue.dropLast()) object")
        }
        return try Self.json(object)
    }

    func list(_ request: Request, kind: OParlKind, link list: SiteURL) async throws -> Response {
        let query = request.queryValues
        var filter = OParlFilter()
        for (key, keyPath) in [("created_since", \OParlFilter.createdSince), ("created_until", \.createdUntil),
                               ("modified_since", \.modifiedSince), ("modified_until", \.modifiedUntil)] {
            guard let text = query[key] else { continue }
            guard let date = Self.parseDate(text) else {
                return Self.error(.badRequest, "\(key) must be an ISO 8601 date-time, for example 2026-11-01T00:00:00Z")
            }
            filter[keyPath: keyPath] = date
        }
        if let text = query["page"] {
            do { filter.page = try RequestNumber.page(text) } catch { return Self.error(.badRequest, error.message) }
        }
        if let text = query["limit"] {
            guard let limit = RequestNumber.integer(text, in: 1...1000) else { return Self.error(.badRequest, "limit must be from 1 to 1000") }
            filter.limit = limit
        }
        let (objects, total) = try await read(Self.options(request)) { [filter] objects in try objects.list(kind, filter: filter) }
        let pages = max(1, (total + filter.limit - 1) / filter.limit)
        func link(_ page: Int) -> JSONValue {
            var components = URLComponents()
            components.queryItems = query.filter { $0.key != "page" }.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
                + [URLQueryItem(name: "page", value: String(page))]
            return .string("\(base)\(list.path)?\(components.percentEncodedQuery ?? "")")
        }
        let body: JSONValue = .object([
            "data": .array(objects),
            "pagination": .object([
                "totalElements": .int(Int64(total)), "elementsPerPage": .int(Int64(filter.limit)), "currentPage": .int(Int64(filter.page)),
                "totalPages": .int(Int64(pages)),
            ]),
            "links": .object([
                "first": link(1), "last": link(pages), "prev": filter.page > 1 ? link(filter.page - 1) : nil,
                "next": filter.page < pages ? link(filter.page + 1) : nil,
            ]),
        ])
        return try Self.json(body)
    }

    static func redirect(to link: SiteURL) -> Response {
        Response(status: .found, headers: [.location: link.path])
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) throws -> Response {
        let bytes = value.bytes()
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .eTag: HTTPCacheMiddleware.etag(bytes)],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        (try? json(.object(["error": .string(message)]), status: status)) ?? Response(status: status)
    }
}
