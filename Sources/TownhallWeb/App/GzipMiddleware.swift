import CZlib
import Foundation
import Hummingbird
import NIOCore

/// gzip (RFC 9110, section 8.4.1.3) for open data: OParl (whose specification says servers should support it),
/// the bulk downloads, feeds and calendars, which harvesters fetch in bulk. A compressed answer has its own ETag
/// (`"…-gzip"`, since a strong validator names exact bytes), and a client revalidating with it gets its 304.
/// What the page cache keeps compressed (once it is half full, `PageCache.Entry`) it sends as it is to a client that
/// asks, pages included; this middleware compresses the rest, for open data only.
struct GzipMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Below this a response is sent as it is: the gzip header and the extra round of work cost more than they save.
    static let minimumBytes = 1024
    static let suffix = "-gzip\""

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let accepts = Self.acceptsGzip(request.headers[.acceptEncoding])
        var request = request
        // A tag this middleware made is the inner response's tag plus the suffix: the inner one is what the cache knows.
        let revalidatesCompressed = request.headers[.ifNoneMatch]?.contains(Self.suffix) == true
        if let match = request.headers[.ifNoneMatch], revalidatesCompressed {
            var head = request.head
            head.headerFields[.ifNoneMatch] = match.replacingOccurrences(of: Self.suffix, with: "\"")
            request = Request(head: head, body: request.body)
        }
        var response = try await next(request, context)
        if response.status == .notModified {
            // The tag the client holds names the compressed bytes; a 304 carries no body, nor always a type.
            if accepts && revalidatesCompressed { response.headers[.eTag] = response.headers[.eTag].map(Self.tagged) }
            response.headers[.vary] = "Accept-Encoding"
            return response
        }
        guard Self.isCompressible(response.headers[.contentType]) else { return response }
        response.headers[.vary] = "Accept-Encoding"
        guard accepts, response.headers[.contentEncoding] == nil, response.status == .ok else { return response }
        let sink = CollectingWriter.Sink()
        try await response.body.write(CollectingWriter(sink: sink))
        let plain = sink.buffer
        guard plain.readableBytes >= Self.minimumBytes, let compressed = Self.gzip(plain) else {
            response.body = .init(byteBuffer: plain)
            return response
        }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.eTag] = response.headers[.eTag].map(Self.tagged)
        response.headers[.contentLength] = nil
        response.body = .init(byteBuffer: compressed)
        return response
    }

    /// The plain representation's tag, from either one's.
    static func untagged(_ etag: String) -> String {
        etag.hasSuffix(suffix) ? String(etag.dropLast(suffix.count)) + "\"" : etag
    }

    /// The compressed representation's tag; a tag already made so is left as it is.
    static func tagged(_ etag: String) -> String {
        etag.hasSuffix(suffix) || !etag.hasSuffix("\"") ? etag : String(etag.dropLast()) + suffix
    }

    /// Whether `Accept-Encoding` allows gzip: listed (or `*`) without `q=0`.
    static func acceptsGzip(_ field: String?) -> Bool {
        guard let field else { return false }
        for part in field.lowercased().split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = pieces.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
        return false
    }

    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/atom+xml")
            || type.hasPrefix("application/xml")
    }

    /// zlib's fastest level. Every page the cache keeps is compressed once, as it is rendered: on a 7.5 KB paper page
    /// level 1 took 58 µs and gave 2,560 bytes, level 6 took 83 µs for 2,391 (zlib through Python, issue 15).
    static let level: Int32 = 1

    /// The bytes as one gzip member (zlib's deflate with a gzip wrapper, window bits 15 + 16), at `level`.
    static func gzip(_ input: ByteBuffer) -> ByteBuffer? {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        var output = ByteBuffer()
        let bound = Int(deflateBound(&stream, UInt(input.readableBytes)))
        output.reserveCapacity(bound)
        let written: Int = input.withUnsafeReadableBytes { source in
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH) == Z_STREAM_END ? target.count - Int(stream.avail_out) : 0
            }
        }
        // The buffer was sized for the worst case (the input's size and more); what the page cache keeps is sized to
        // what was written, or a 9 KB compressed OParl page would hold on to 128 KB (issue 15: 267 MB in a harvest).
        return written > 0 ? ByteBuffer(bytes: output.readableBytesView) : nil
    }

    /// The bytes of one gzip member made by `gzip`, whose uncompressed size is `size`; nil if they are not that.
    static func gunzip(_ input: ByteBuffer, size: Int) -> ByteBuffer? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output = ByteBuffer()
        let written: Int = input.withUnsafeReadableBytes { source in
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: max(size, 1)) { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(size)
                return inflate(&stream, Z_FINISH) == Z_STREAM_END ? size - Int(stream.avail_out) : 0
            }
        }
        return written == size && size > 0 ? output : nil
    }
}
