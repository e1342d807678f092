import Foundation
import Hummingbird
import NIOCore
import TownhallDomain
import TownhallStore

/// The OParl 1.1 API under `/oparl/v1.1/`: the system, bodies, their external lists (paged, with the
/// created/modified filters) and every object by its id. Errors are JSON too.
struct OParlRoutes: Sendable {
    let database: AppDatabase
    let base: String
    let time: LocalTime
    let siteName: String

    func register(on routes: RouteTable) {
        routes.get(.oparlSystem) { _, _ in
            try Self.json(await read { objects in try objects.system(name: siteName) })
        }
        routes.get(.oparlBodies) { request, _ in
            try await list(request, link: .oparlBodies) { filter in try await read { objects in try objects.bodies(filter: filter) } }
        }
        routes.get(.oparlBodyList) { request, context in
            guard let list = OParlList(rawValue: context.parameters.get("list") ?? ""), let id = RequestNumber.id(context.parameters.get("id"))
            else { return Self.error(.notFound, "no such list") }
            return try await self.list(request, link: .oparlBodyList(id, list: list.rawValue)) { filter in
                try await read { objects in try objects.list(list, bodyId: id, filter: filter) }
            }
        }
        routes.get(.oparlBody) { _, context in try await object(OParlKind.bodies.rawValue, context) }
        routes.get(.oparlObject) { _, context in try await object(context.parameters.get("kind") ?? "", context) }
    }

    /// Maps store objects to OParl JSON inside one read.
    func read<T: Sendable>(_ body: @escaping @Sendable (OParlObjects) throws -> T) async throws -> T {
        try await database.oparlRead { [base, time] reader in try body(OParlObjects(reader: reader, base: base, time: time)) }
    }

    /// One object by its kind's list name and id; an unknown kind or id is a JSON 404.
    func object(_ name: String, _ context: AppRequestContext) async throws -> Response {
        guard let kind = OParlKind(rawValue: name) else { return Self.error(.notFound, "no such kind of object") }
        let id = context.parameters.get("id") ?? ""
        guard let object = try await read({ objects in try objects.object(kind, id: id) }) else {
            return Self.error(.notFound, "no such \(kind.rawValue.dropLast()) object")
        }
        return try Self.json(object)
    }

    func list(
        _ request: Request, link list: SiteURL, load: (OParlFilter) async throws -> (objects: [JSONValue], total: Int)?
    ) async throws -> Response {
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
        guard let (objects, total) = try await load(filter) else { return Self.error(.notFound, "no such body") }
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

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) throws -> Response {
        let text = String(decoding: try value.data(), as: UTF8.self)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .eTag: HTTPCacheMiddleware.etag(text)],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        (try? json(.object(["error": .string(message)]), status: status)) ?? Response(status: status)
    }
}
