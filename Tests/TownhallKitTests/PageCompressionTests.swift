import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 15: once half full, the page cache keeps what it stores gzip-compressed, so the same bytes hold nearly three
/// times the pages, and sends it as it is to a client that asks; a client that does not ask gets the page as rendered.
@Suite("Compressed page cache")
struct PageCompressionTests {
    /// The middleware over a small cache and pages of 6 KB: kept as rendered until the cache is half full, then
    /// compressed, sent compressed to a client that asks and plain to one that does not.
    @Test func onceTheCacheIsHalfFullPagesAreKeptAndSentCompressed() async throws {
        let store = try TestStore()
        let pages = PageCache(maxBytes: 60_000, maxAge: 60, maxEntryBytes: 20_000)
        let router = Router(context: AppRequestContext.self)
        router.group().add(middleware: HTTPCacheMiddleware(versions: StoreVersion(database: store.database), time: LocalTime(), now: { Date() }, pages: pages))
            .get("/pages/:n") { _, context in
                let html = Self.page(context.parameters.get("n") ?? "")
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .eTag: HTTPCacheMiddleware.etag(html)],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
            }
        try await Application(router: router).test(.router) { client in
            let first = try await client.execute(uri: "/pages/1", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(first.headers[.contentEncoding] == nil && String(buffer: first.body) == Self.page("1"), "an empty cache keeps pages as rendered")
            var n = 1
            while !pages.compressesNewEntries {
                n += 1
                _ = try await client.execute(uri: "/pages/\(n)", method: .get, headers: [:])
            }
            #expect(n > 2 && pages.size >= pages.maxBytes / 2)
            let uri = "/pages/new"
            let zipped = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
            let plainPage = try await client.execute(uri: uri, method: .get, headers: [:])
            #expect(zipped.headers[.contentEncoding] == "gzip" && zipped.headers[.vary] == "Accept-Encoding")
            #expect(plainPage.headers[.contentEncoding] == nil && plainPage.headers[.vary] == "Accept-Encoding")
            #expect(String(buffer: plainPage.body) == Self.page("new"), "a cache hit inflates to the page as rendered")
            let plain = try #require(plainPage.headers[.eTag])
            let tag = try #require(zipped.headers[.eTag])
            #expect(plain == HTTPCacheMiddleware.etag(Self.page("new")) && tag == GzipMiddleware.tagged(plain) && tag != plain)
            #expect(zipped.body.readableBytes < plainPage.body.readableBytes / 2)
            #expect(GzipMiddleware.gunzip(zipped.body, size: plainPage.body.readableBytes) == plainPage.body)
            // Each tag revalidates, and the 304 names the one the client holds.
            let revalidated = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: tag])
            #expect(revalidated.status == .notModified && revalidated.headers[.eTag] == tag && revalidated.headers[.contentEncoding] == nil)
            let plainAgain = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: plain])
            #expect(plainAgain.status == .notModified && plainAgain.headers[.eTag] == plain)
            let other = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: "\"nothing\""])
            #expect(other.status == .ok)
            let refused = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil && refused.body == plainPage.body)
            // A page kept before the cache was half full is still sent as rendered.
            let early = try await client.execute(uri: "/pages/1", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(early.headers[.contentEncoding] == nil && String(buffer: early.body) == Self.page("1"))
        }
    }

    static func page(_ n: String) -> String {
        "<!DOCTYPE html><title>Page \(n)</title>" + String(repeating: "<p class=\"body\">A paragraph of page \(n).</p>\n", count: 150)
    }

    @Test func textOfAKilobyteOrMoreIsKeptCompressedAndCountedSo() throws {
        let now = Date()
        let html = ByteBuffer(string: String(repeating: "<p class=\"body\">A paragraph of a paper.</p>\n", count: 160))
        let page = PageCache.Entry.rendered(html, headers: [.contentType: "text/html; charset=utf-8", .eTag: "\"a\""], version: 1, stored: now,
                                            lastModified: now, compress: true)
        #expect(page.plainBytes == html.readableBytes && page.body.readableBytes < html.readableBytes / 4)
        let small = PageCache.Entry.rendered(ByteBuffer(string: "<p>short</p>"), headers: [.contentType: "text/html"], version: 1, stored: now,
                                             lastModified: now, compress: true)
        #expect(small.plainBytes == nil, "under a kilobyte, gzip costs more than it saves")
        let binary = PageCache.Entry.rendered(html, headers: [.contentType: "application/pdf"], version: 1, stored: now, lastModified: now,
                                              compress: true)
        #expect(binary.plainBytes == nil)
        let cache = PageCache(maxBytes: 1_000_000, maxAge: 60, maxEntryBytes: 200_000)
        cache.put("/page", page)
        #expect(cache.size == PageCache.cost(page) && page.body.capacity < 2 * page.body.readableBytes, "counted as held, and held no larger than it need be")
        #expect(GzipMiddleware.gunzip(page.body, size: html.readableBytes) == html)
        #expect(GzipMiddleware.gunzip(page.body, size: html.readableBytes + 1) == nil, "a size that does not match is refused")
        #expect(GzipMiddleware.gunzip(html, size: html.readableBytes) == nil, "bytes that are not gzip are refused")
    }
}
