import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Preview
import SiteBuild
import SiteModel
import Testing

@Suite("Preview HTTP")
struct PreviewResponderTests {
    static let page = "<!doctype html><html><head><title>T</title></head><body class=\"x\"><main>Hello</main></body></html>"

    static func store() -> SiteStore {
        let store = SiteStore()
        store.update(written: [
            "index.html": Data(page.utf8),
            "topics/index.html": Data(page.replacingOccurrences(of: "Hello", with: "Topics").utf8),
            "404.html": Data(page.replacingOccurrences(of: "Hello", with: "Our own not-found page").utf8),
            "assets/style.1234.css": Data("body{}".utf8),
            "assets/images/dot.svg": Data("<svg/>".utf8),
            "feed.xml": Data("<feed/>".utf8),
            "sitemap.xml": Data("<urlset/>".utf8),
            "robots.txt": Data("User-agent: *\n".utf8),
        ], removed: [], warnings: [])
        return store
    }

    static func app(_ store: SiteStore = store()) -> some ApplicationProtocol {
        Application(responder: PreviewResponder(store: store, broadcaster: ReloadBroadcaster()))
    }

    @Test func servesPagesWithTheirMediaTypes() async throws {
        try await Self.app().test(.router) { client in
            for (path, type) in [("/", "text/html; charset=utf-8"), ("/topics/", "text/html; charset=utf-8"),
                                 ("/assets/style.1234.css", "text/css; charset=utf-8"), ("/assets/images/dot.svg", "image/svg+xml"),
                                 ("/feed.xml", "application/atom+xml; charset=utf-8"),
                                 ("/sitemap.xml", "application/xml; charset=utf-8"), ("/robots.txt", "text/plain; charset=utf-8"),
                                 ("/_hub/live-reload.js", "text/javascript; charset=utf-8"), ("/_hub/overlay.css", "text/css; charset=utf-8")] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == type, "\(path)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                }
            }
        }
    }

    @Test func htmlGetsTheLiveReloadScriptButNoInlineCode() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<script src=\"/_hub/live-reload.js\" defer></script>\n</head>"))
                #expect(!html.contains("<script>"))
                #expect(!html.contains("hub-overlay"))
            }
        }
    }

    /// A page a rebuild changed but renders a moment later is not served stale: the
    /// request waits for it.
    @Test func anUnsettledPageIsServedOnceSettled() async throws {
        let store = Self.store()
        store.update(written: ["index.html": Data(Self.page.utf8)], removed: [], warnings: [], unsettled: ["topics/index.html"])
        // From a thread of its own, as the preview's rebuild does: not a task that a busy
        // cooperative pool could leave waiting past the request's limit.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) {
            store.settle(["topics/index.html": Data(Self.page.replacingOccurrences(of: "Hello", with: "Topics, renamed").utf8)])
        }
        try await Self.app(store).test(.router) { client in
            try await client.execute(uri: "/topics/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Topics, renamed"))
            }
        }
    }

    @Test func missingPathsGetTheSitesOwn404() async throws {
        try await Self.app().test(.router) { client in
            for path in ["/nope/", "/nope", "/assets/missing.css", "/topics/index.htm"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                    #expect(String(buffer: response.body).contains("Our own not-found page"), "\(path)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                }
            }
        }
    }

    @Test func foldersRedirectToTheirSlashAndAreNeverListed() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/topics", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/topics/")
            }
            // A folder with files but no index.html: 404, not a listing.
            try await client.execute(uri: "/assets/", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(!String(buffer: response.body).contains("style.1234.css"))
            }
        }
    }

    @Test func traversalAttemptsAreRefused() async throws {
        try await Self.app().test(.router) { client in
            for path in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2e%2e/etc/passwd", "/assets/..%2f..%2fetc/passwd",
                         "/topics/%2e%2e/index.html", "/..\\etc\\passwd", "/%5c..%5cetc", "/index.html%00.css", "/%00",
                         "/./index.html", "/%zz", "/%c3%28"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .badRequest, "\(path) gave \(response.status)")
                    #expect(!String(buffer: response.body).contains("root:"), "\(path)")
                }
            }
        }
    }

    @Test func headHasTheHeadersOfGetAndNoBody() async throws {
        try await Self.app().test(.router) { client in
            let get = try await client.execute(uri: "/assets/style.1234.css", method: .get)
            let head = try await client.execute(uri: "/assets/style.1234.css", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.eTag] == get.headers[.eTag])
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(head.headers[.contentLength] == "6")
            let missing = try await client.execute(uri: "/nope/", method: .head)
            #expect(missing.status == .notFound)
            #expect(missing.body.readableBytes == 0)
        }
    }

    @Test func etagsAnswerIfNoneMatchWith304() async throws {
        let store = Self.store()
        try await Self.app(store).test(.router) { client in
            let first = try await client.execute(uri: "/assets/style.1234.css", method: .get)
            let etag = try #require(first.headers[.eTag])
            let again = try await client.execute(uri: "/assets/style.1234.css", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let listed = try await client.execute(uri: "/assets/style.1234.css", method: .get, headers: [.ifNoneMatch: "\"other\", W/\(etag)"])
            #expect(listed.status == .notModified)
            let stale = try await client.execute(uri: "/assets/style.1234.css", method: .get, headers: [.ifNoneMatch: "\"old\""])
            #expect(stale.status == .ok)
            // The page's ETag changes when the overlay appears, so a browser does not keep the clean copy.
            let page = try await client.execute(uri: "/", method: .get)
            store.fail([.error("broken", at: SourceLocation(path: "Content/articles/x.md", line: 2, column: 3), sourceLine: "title: [")])
            let failing = try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: page.headers[.eTag] ?? ""])
            #expect(failing.status == .ok)
            #expect(failing.headers[.eTag] != page.headers[.eTag])
        }
    }

    @Test func otherMethodsAreRefused() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    @Test func aFailedRebuildShowsAnAccessibleOverlayOnEveryPage() async throws {
        let store = Self.store()
        store.fail([
            .error("'published' is not a real date: '2026-02-30'", at: SourceLocation(path: "Content/articles/x.md", line: 4, column: 12),
                   sourceLine: "published: 2026-02-30 <b>", notes: ["dates are YYYY-MM-DD"]),
            .warning("review due in 3 days", at: SourceLocation(path: "Content/articles/y.md", line: 6, column: 14)),
        ])
        try await Self.app(store).test(.router) { client in
            for path in ["/", "/topics/", "/nope/"] {
                try await client.execute(uri: path, method: .get) { response in
                    let html = String(buffer: response.body)
                    #expect(html.contains("<body class=\"x\">\n<section class=\"hub-overlay\" id=\"hub-overlay\" role=\"alert\""), "\(path)")
                    #expect(html.contains("aria-labelledby=\"hub-overlay-title\""))
                    #expect(html.contains("1 error, 1 warning"))
                    #expect(html.contains("Content/articles/x.md:4:12"))
                    #expect(html.contains("published: 2026-02-30 &lt;b&gt;\n           ^"), "source line escaped, caret under column 12")
                    #expect(html.contains("note: dates are YYYY-MM-DD"))
                    #expect(html.contains("<link rel=\"stylesheet\" href=\"/_hub/overlay.css\">"))
                    #expect(html.contains("<main>"), "the last good page is still there")
                }
            }
            // Non-HTML files are served untouched.
            try await client.execute(uri: "/feed.xml", method: .get) { response in
                #expect(String(buffer: response.body) == "<feed/>")
            }
        }
        store.update(written: [:], removed: [], warnings: [])
        try await Self.app(store).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!String(buffer: response.body).contains("hub-overlay"))
            }
        }
    }

    @Test func beforeAnyGoodBuildTheOverlayStillShows() async throws {
        let store = SiteStore()
        store.fail([.error("Content/site.yml is missing", at: SourceLocation(path: "Content/site.yml"))])
        try await Self.app(store).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .notFound)
                let html = String(buffer: response.body)
                #expect(html.contains("role=\"alert\""))
                #expect(html.contains("Content/site.yml is missing"))
                #expect(html.contains("<html lang=\"en\">"))
            }
        }
    }

    @Test func theReportListsWarningsToo() async throws {
        let store = Self.store()
        store.update(written: [:], removed: [], warnings: [
            .warning("review due in 3 days (2026-11-29)", at: SourceLocation(path: "Content/articles/y.md", line: 6, column: 14)),
        ])
        try await Self.app(store).test(.router) { client in
            try await client.execute(uri: "/_hub/report", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("role=\"status\""))
                #expect(html.contains("Content/articles/y.md:6:14"))
            }
            // Warnings alone do not cover the pages.
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!String(buffer: response.body).contains("hub-overlay"))
            }
        }
    }

    @Test func eventStreamHeadersAndFormat() async throws {
        try await Self.app().test(.router) { client in
            try await client.execute(uri: "/_hub/events", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream; charset=utf-8")
            }
        }
        #expect(ReloadBroadcaster.message(event: "reload", data: "3") == "event: reload\ndata: 3\n\n")
    }
}

@Suite("Preview content register")
struct PreviewRegisterTests {
    @Test func reportServesTheContentRegisterOfTheFilesAsTheyAre() async throws {
        let session = PreviewSession(root: SnapshotTests.repository,
                                     options: BuildOptions(today: Day(year: 2026, month: 11, day: 26)!)) { _ in }
        let app = Application(responder: PreviewResponder(store: session.store, broadcaster: ReloadBroadcaster(),
                                                          register: { session.contentRegister() }))
        try await app.test(.router) { client in
            try await client.execute(uri: "/_hub/report", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                // One row per article of the hub's own content, with its review date.
                #expect(html.contains("Personal recovery"))
                #expect(html.contains("2029-11-20"))
            }
        }
    }
}
