import Crypto
import Foundation
import Hummingbird
import TownhallDomain
import TownhallStore

/// Conditional requests and CDN-friendly caching for public, anonymous content. Every public page and feed
/// carries a strong ETag (a hash of its bytes, set where the bytes are made); this middleware adds
/// Last-Modified (the store's last change, or the start of today, since overdue states change with the date),
/// `Cache-Control: public` with a short shared max-age, and answers a matching If-None-Match (or, without one,
/// an If-Modified-Since that is not older than Last-Modified) with 304 and no body.
struct HTTPCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let time: LocalTime
    let now: @Sendable () -> Date
    let pages: PageCache
    let versions: StoreVersion
    let metrics: AppMetrics

    init(
        versions: StoreVersion, time: LocalTime, now: @escaping @Sendable () -> Date, pages: PageCache = PageCache(), metrics: AppMetrics = AppMetrics()
    ) {
        self.metrics = metrics
        self.time = time
        self.now = now
        self.versions = versions
        self.pages = pages
    }
    static let cacheControl = "public, max-age=0, s-maxage=60"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return try await next(request, context)
        }
        let (version, lastWrite) = try await versions.current()
        let key = request.uri.description
        let current = now()
        var response: Response
        let lastModified: Date
        let lookup = request.method == .get ? pages.lookup(key, version: version, now: current) : .render(refresher: false)
        let acceptsGzip = GzipMiddleware.acceptsGzip(request.headers[.acceptEncoding])
        if request.method == .get {
            if case .hit = lookup { metrics.pageCache(hit: true) } else { metrics.pageCache(hit: false) }
        }
        if case .hit(let hit) = lookup, let cached = hit.response(gzip: acceptsGzip) {
            response = cached
            lastModified = hit.lastModified
        } else {
            defer { if case .render(refresher: true) = lookup { pages.finishRefresh(key, version: version) } }
            response = try await next(request, context)
            guard response.status == .ok, response.headers[.setCookie] == nil, response.headers[.eTag] != nil,
                  response.headers[.cacheControl] != "no-store" else { return response }
            if response.headers[.cacheControl]?.hasPrefix("public") != true { response.headers[.cacheControl] = Self.cacheControl }
            lastModified = self.lastModified(lastWrite: lastWrite)
            response.headers[.lastModified] = Self.httpDate(lastModified)
            if request.method == .get {
                let sink = CollectingWriter.Sink()
                try await response.body.write(CollectingWriter(sink: sink))
                let entry = PageCache.Entry.rendered(
                    sink.buffer, headers: response.headers, version: version, stored: current, lastModified: lastModified,
                    compress: pages.compressesNewEntries)
                pages.put(key, entry)
                // Sent as the cache will send it from now on (the rendered bytes are at hand, so not inflated).
                response = entry.response(gzip: acceptsGzip, plain: sink.buffer)
                    ?? Response(status: .ok, headers: response.headers, body: .init(byteBuffer: sink.buffer))
            }
        }
        let etag = response.headers[.eTag]!
        if let match = request.headers[.ifNoneMatch] {
            // Either representation's tag revalidates the page, and the 304 names the one the client holds
            // (`GzipMiddleware` hands on the plain tag and puts its own back).
            let plainTag = GzipMiddleware.untagged(etag)
            let tags = match.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if tags.contains("*") { return Self.notModified(response) }
            for tag in [plainTag, GzipMiddleware.tagged(plainTag)] where tags.contains(tag) || tags.contains("W/" + tag) {
                var matched = response
                matched.headers[.eTag] = tag
                return Self.notModified(matched)
            }
        } else if let since = request.headers[.ifModifiedSince].flatMap(Self.parseHTTPDate),
                  floor(lastModified.timeIntervalSince1970) <= since.timeIntervalSince1970 {
            return Self.notModified(response)
        }
        return response
    }

    /// The later of the last audited write and the start of today in local time.
    func lastModified(lastWrite: Date?) -> Date {
        let midnight = time.startOfDay(now())
        guard let lastWrite else { return midnight }
        return max(lastWrite, midnight)
    }

    static func notModified(_ response: Response) -> Response {
        var headers = response.headers
        headers[.contentLength] = nil
        headers[.contentType] = nil
        headers[.contentDisposition] = nil
        headers[.contentEncoding] = nil
        return Response(status: .notModified, headers: headers)
    }

    /// The strong validator for a representation: a quoted hash of its bytes.
    static func etag(_ text: String) -> String { etag(Data(text.utf8)) }

    static func etag(_ bytes: some DataProtocol) -> String { "\"" + hex(bytes) + "\"" }

    /// The first 16 bytes of the SHA-256 of `bytes`, in hex: ETags, and the OParl ledger's hash of an object.
    static func hex(_ bytes: some DataProtocol) -> String {
        String(SHA256.hash(data: bytes).prefix(16).flatMap { byte in [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]] })
    }

    /// `String(format: "%02x")` for every byte was slower than the hash itself on Linux.
    private static let hexDigits = Array("0123456789abcdef")

    /// IMF-fixdate (RFC 9110), without building a formatter per response.
    static func httpDate(_ date: Date) -> String {
        let gmt = LocalTime.utc
        let day = gmt.calendarDay(of: date)
        let c = day.components
        let clock = gmt.isoLocal(date).dropFirst(11).prefix(8)
        let weekday = LocalTime.weekdays[day.weekday - 1].prefix(3), month = LocalTime.months[c.month - 1].prefix(3)
        return "\(weekday), \(LocalTime.padded(c.day)) \(month) \(LocalTime.padded(c.year, 4)) \(clock) GMT"
    }
    static func parseHTTPDate(_ text: String) -> Date? { formatter().date(from: text) }

    static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
