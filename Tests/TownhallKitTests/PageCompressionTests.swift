import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import TownhallDomain
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 15: the page cache keeps what it stores gzip-compressed, so the same bytes hold nearly three times the
/// pages, and sends it as it is to a client that asks; a client that does not ask gets the page as rendered.
@Suite("Compressed page cache")
struct PageCompressionTests {
    @Test func aPageIsSentCompressedToAClientThatAsksAndPlainToOneThatDoesNot() async throws {
        try await withDemo { store, client in
            let paper = try #require(try store.database.list(Paper.self).first { $0.status == .published })
            let uri = "/papers/\(paper.id!)"
            let first = try await client.execute(uri: uri, method: .get, headers: [:])
            let zipped = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip, deflate, br"])
            let again = try await client.execute(uri: uri, method: .get, headers: [:])
            #expect(first.status == .ok && first.headers[.contentEncoding] == nil)
            #expect(zipped.headers[.contentEncoding] == "gzip" && zipped.headers[.vary] == "Accept-Encoding")
            #expect(first.headers[.vary] == "Accept-Encoding", "the plain page says it varies too")
            let plain = try #require(first.headers[.eTag])
            let tag = try #require(zipped.headers[.eTag])
            #expect(tag == GzipMiddleware.tagged(plain) && tag != plain)
            #expect(zipped.body.readableBytes < first.body.readableBytes / 2)
            let inflated = try #require(GzipMiddleware.gunzip(zipped.body, size: first.body.readableBytes))
            #expect(inflated == first.body, "the same page")
            #expect(again.body == first.body && again.headers[.eTag] == plain, "a cache hit inflates to the same bytes")
            // Each tag revalidates, and the 304 names the one the client holds.
            let revalidated = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: tag])
            #expect(revalidated.status == .notModified && revalidated.headers[.eTag] == tag && revalidated.headers[.contentEncoding] == nil)
            let plainAgain = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: plain])
            #expect(plainAgain.status == .notModified && plainAgain.headers[.eTag] == plain)
            let other = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: "\"nothing\""])
            #expect(other.status == .ok)
            let refused = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil && refused.body == first.body)
        }
    }

    @Test func textOfAKilobyteOrMoreIsKeptCompressedAndCountedSo() throws {
        let now = Date()
        let html = ByteBuffer(string: String(repeating: "<p class=\"body\">A paragraph of a paper.</p>\n", count: 160))
        let page = PageCache.Entry.rendered(html, headers: [.contentType: "text/html; charset=utf-8", .eTag: "\"a\""], version: 1, stored: now,
                                            lastModified: now)
        #expect(page.plainBytes == html.readableBytes && page.body.readableBytes < html.readableBytes / 4)
        let small = PageCache.Entry.rendered(ByteBuffer(string: "<p>short</p>"), headers: [.contentType: "text/html"], version: 1, stored: now,
                                             lastModified: now)
        #expect(small.plainBytes == nil, "under a kilobyte, gzip costs more than it saves")
        let binary = PageCache.Entry.rendered(html, headers: [.contentType: "application/pdf"], version: 1, stored: now, lastModified: now)
        #expect(binary.plainBytes == nil)
        let cache = PageCache(maxBytes: 1_000_000, maxAge: 60, maxEntryBytes: 200_000)
        cache.put("/page", page)
        #expect(cache.size == page.body.readableBytes + PageCache.overheadPerEntry)
        #expect(GzipMiddleware.gunzip(page.body, size: html.readableBytes) == html)
        #expect(GzipMiddleware.gunzip(page.body, size: html.readableBytes + 1) == nil, "a size that does not match is refused")
        #expect(GzipMiddleware.gunzip(html, size: html.readableBytes) == nil, "bytes that are not gzip are refused")
    }
}
