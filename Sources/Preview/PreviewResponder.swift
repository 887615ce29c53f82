import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers every request of the preview: the built site from memory, the preview's own
/// files under `/_hub/`, and the live-reload event stream.
///
/// A responder of its own rather than router wildcards, so that every path, however odd,
/// goes through `RequestPath`'s checks first.
public struct PreviewResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let store: SiteStore
    let broadcaster: ReloadBroadcaster
    /// The content register for the files as they are now (`hub check --report`); without
    /// it, `/_hub/report` lists the latest rebuild's problems.
    let register: (@Sendable () -> String)?

    public init(store: SiteStore, broadcaster: ReloadBroadcaster, register: (@Sendable () -> String)? = nil) {
        self.store = store
        self.broadcaster = broadcaster
        self.register = register
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.plain(.methodNotAllowed, "Only GET and HEAD are supported.\n",
                              extra: [.allow: "GET, HEAD"], head: false)
        }
        let isHead = request.method == .head
        let rawPath = request.head.path ?? "/"
        switch rawPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/" {
        case PreviewAssets.eventsPath: return events(head: isHead)
        case PreviewAssets.scriptPath:
            return Self.file(Data(PreviewAssets.script.utf8), type: MediaType.of("x.js"), request: request, head: isHead)
        case PreviewAssets.stylesheetPath:
            return Self.file(Data(PreviewAssets.stylesheet.utf8), type: MediaType.of("x.css"), request: request, head: isHead)
        case PreviewAssets.reportPath: return report(head: isHead)
        default: break
        }
        let (segments, isFolder): ([String], Bool)
        switch RequestPath.segments(of: rawPath) {
        case let .success(parsed): (segments, isFolder) = parsed
        case .failure: return Self.plain(.badRequest, "This path is not allowed.\n", head: isHead)
        }
        let joined = segments.joined(separator: "/")
        let key = isFolder ? (joined.isEmpty ? "index.html" : joined + "/index.html") : joined
        await store.waitUntilSettled(key)
        if let file = store.file(at: key) {
            return serve(file, path: key, request: request, head: isHead)
        }
        // `/topics` → `/topics/`, as static hosts do; folders without an index are not listed.
        if !isFolder, store.file(at: joined + "/index.html") != nil {
            let query = rawPath.firstIndex(of: "?").map { String(rawPath[$0...]) } ?? ""
            var headers = HTTPFields()
            headers[.location] = "/" + joined + "/" + query
            return Response(status: .movedPermanently, headers: headers)
        }
        return notFound(head: isHead)
    }

    private func serve(_ file: SiteStore.File, path: String, request: Request, head: Bool) -> Response {
        let type = MediaType.of(path)
        guard type.hasPrefix("text/html") else {
            return Self.file(file.data, type: type, etag: file.etag, request: request, head: head)
        }
        // HTML is decorated per request, so its validator covers the overlay state too.
        let problems = store.diagnostics
        let overlay = problems.contains { $0.severity == .error } ? ErrorOverlay.html(for: problems) : nil
        let data = PageDecorator.decorate(file.data, overlay: overlay)
        let etag = overlay == nil ? file.etag : SiteStore.etag(for: data)
        return Self.file(data, type: type, etag: etag, request: request, head: head)
    }

    /// The site's own 404 page with status 404. Before any build has succeeded there is
    /// none: then a bare page, which still shows the overlay if the build failed.
    private func notFound(head: Bool) -> Response {
        let problems = store.diagnostics
        let overlay = problems.contains { $0.severity == .error } ? ErrorOverlay.html(for: problems) : nil
        let page = store.file(at: "404.html")?.data
            ?? Data(PreviewAssets.standalonePage(title: "Not found", body: "<h1>Not found</h1>").utf8)
        let data = PageDecorator.decorate(page, overlay: overlay)
        return Self.body(data, status: .notFound, headers: [.contentType: MediaType.of("404.html"), .cacheControl: "no-cache"], head: head)
    }

    /// Every problem of the latest rebuild, warnings included: the place for content
    /// checks' findings (issue 5) to appear without blocking the page.
    private func report(head: Bool) -> Response {
        if let register {
            return Self.body(Data(register().utf8), status: .ok,
                             headers: [.contentType: MediaType.of("report.html"), .cacheControl: "no-cache"], head: head)
        }
        let problems = store.diagnostics
        let body = ErrorOverlay.html(for: problems) ?? "<h1>No problems</h1>\n<p>The latest build had no errors or warnings.</p>"
        let page = PreviewAssets.standalonePage(title: "Build report", body: body)
        let data = PageDecorator.decorate(Data(page.utf8), overlay: nil)
        return Self.body(data, status: .ok, headers: [.contentType: MediaType.of("report.html"), .cacheControl: "no-cache"], head: head)
    }

    /// `text/event-stream`: a `hello` with the store's version, then one `reload` per
    /// rebuild, until the browser leaves or the server stops.
    private func events(head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        guard !head else { return Response(status: .ok, headers: headers) }
        let stream = broadcaster.subscribe()
        let hello = "retry: 500\n" + ReloadBroadcaster.message(event: "hello", data: String(store.version))
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: hello))
            for await message in stream {
                try await writer.write(ByteBuffer(string: message))
            }
            try await writer.finish(nil)
        })
    }

    /// A file with its ETag, answering If-None-Match with 304.
    static func file(_ data: Data, type: String, etag: String? = nil, request: Request, head: Bool) -> Response {
        let etag = etag ?? SiteStore.etag(for: data)
        var headers: HTTPFields = [.contentType: type, .eTag: etag, .cacheControl: "no-cache"]
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(data.count)
        return body(data, status: .ok, headers: headers, head: head)
    }

    /// `If-None-Match: "a", W/"b"` or `*`.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            return value == etag
        }
    }

    static func body(_ data: Data, status: HTTPResponse.Status, headers: HTTPFields, head: Bool) -> Response {
        var headers = headers
        headers[.contentLength] = String(data.count)
        headers[.xContentTypeOptions] = "nosniff"
        // HEAD: the same headers as GET, no body.
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:], head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"]
        headers.append(contentsOf: extra)
        return body(Data(text.utf8), status: status, headers: headers, head: head)
    }
}
