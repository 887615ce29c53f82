import Foundation
@testable import SiteBuild
import SiteModel
import Testing

/// The public site's promises (issue 6), checked on every page the real templates build:
/// no third-party requests, a strict CSP and no inline code, the page-weight budget, and
/// the engine values the templates rely on (JSON-LD, quick exit, related articles).
@Suite("Public site")
struct PublicSiteTests {
    /// The hub's own Content/ and Templates/.
    static func buildHub() throws -> MemoryOutput {
        let output = MemoryOutput()
        _ = try SiteBuilder(options: BuildOptions(today: Day(iso: "2026-11-26")!))
            .build(SiteFiles.read(root: SnapshotTests.repository), into: output)
        return output
    }

    /// `fixture` with the hub's real templates instead of the minimal ones.
    static func withRealTemplates(_ fixture: SiteFixture) -> SiteFixture {
        var files = fixture.files.filter { !$0.key.hasPrefix("Templates/") }
        for (path, data) in SiteFiles.read(root: SnapshotTests.repository, folders: ["Templates"]).files {
            files[path] = String(decoding: data, as: UTF8.self)
        }
        return SiteFixture(files: files)
    }

    @Test func everyPageOfTheHubAndTheFixtureKeepsThePromises() throws {
        for output in [try Self.buildHub(), try SnapshotTests.build()] {
            let files = output.files
            #expect(files.keys.filter { $0.hasSuffix(".html") }.count >= 15)
            let problems = PageAudit(files: files).problems()
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    @Test func theAuditFindsWhatItLooksFor() {
        let css = Data("body{background:url(https://cdn.example.com/bg.png)}".utf8)
        let page = """
        <!doctype html><html lang="en"><head><meta property="og:type" content="article">
        <link rel="stylesheet" href="../assets/s.css"><script>alert(1)</script>
        <link rel="stylesheet" href="https://fonts.example.com/font.css"></head>
        <body><img src="//pixel.example.com/p.gif" alt=""><p style="color:red" onclick="x()">\(String(repeating: "x", count: 40_000))</p></body></html>
        """
        let problems = PageAudit(files: ["a/index.html": Data(page.utf8), "assets/s.css": css,
                                         "assets/t.js": Data("localStorage.setItem('a', 1)".utf8)]).problems()
        for expected in ["no Content-Security-Policy", "loads https://fonts.example.com/font.css", "loads //pixel.example.com/p.gif",
                         "inline <script>", "inline style attribute", "inline event handler onclick", "over the 40000-byte budget",
                         "assets/s.css: loads https://cdn.example.com/bg.png", "assets/t.js: uses localStorage"] {
            #expect(problems.contains { $0.contains(expected) }, "missing \(expected) in \(problems)")
        }
    }

    @Test func headersFileCarriesTheSamePolicyAsEveryPage() throws {
        let output = try Self.buildHub()
        let headers = try #require(output.text("_headers"))
        let home = try #require(output.text("index.html"))
        let meta = try #require(HTMLTag.all(in: home).first { $0["http-equiv"] == "Content-Security-Policy" }?["content"])
        #expect(headers.hasPrefix("/*\n"))
        #expect(headers.contains("  Content-Security-Policy: \(meta); frame-ancestors 'none'\n"))
        #expect(headers.contains("  Referrer-Policy: no-referrer\n"))
        #expect(headers.contains("  X-Content-Type-Options: nosniff\n"))
    }

    @Test func anAliasCannotReplaceTheHeadersFile() throws {
        let site = SiteFixture.minimal.with("""
        -- Content/articles/moved.md --
        ---
        title: Moved
        summary: A page with an alias.
        topics: [recovery]
        published: 2026-01-01
        last_reviewed: 2026-01-01
        next_review: 2027-01-01
        authors: [{name: A, role: B}]
        aliases: [/_headers]
        ---
        Text.
        """)
        let failure = #expect(throws: BuildFailure.self) { try site.build() }
        #expect(failure?.diagnostics.map(\.message) == ["alias '/_headers' would replace an existing page"])
    }

    @Test func articlesDescribeThemselvesInJSONLD() throws {
        let output = try SnapshotTests.build()
        let page = try #require(output.text("peer-support/index.html"))
        let open = #"<script type="application/ld+json">"#
        let json = try #require(page.components(separatedBy: open).dropFirst().first?.components(separatedBy: "</script>").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "MedicalWebPage")
        #expect(object["lastReviewed"] as? String == "2026-11-20")
        #expect(object["datePublished"] as? String == "2026-11-20")
        #expect((object["author"] as? [[String: Any]])?.first?["name"] as? String == "RecoveryHub editorial team")
        #expect(((object["reviewedBy"] as? [[String: Any]])?.count ?? 0) >= 1)
        #expect(object["url"] as? String == "https://recoveryhub.org.uk/peer-support/")
        let about = try #require(output.text("about/index.html"))
        #expect(about.contains(#""@type":"WebPage""#))
    }

    @Test func structuredDataCannotCloseItsScriptElement() {
        let json = StructuredData.encode(.text("</script><script>alert(1)</script> & <!--\u{2028}"))
        #expect(!json.contains("<"))
        #expect(!json.contains(">"))
        #expect(!json.contains("&"))
        let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == "</script><script>alert(1)</script> & <!--\u{2028}")
    }

    @Test func quickExitComesFromTheArticleOrItsTopic() throws {
        let fixture = try SnapshotTests.build()
        let exitPage = try #require(fixture.text("work-and-recovery/index.html"))
        #expect(exitPage.contains(#"class="quick-exit__button" href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer""#))
        #expect(exitPage.contains(#"<script src="../assets/quick-exit."#))
        // First in the tab order: before the skip link.
        let exit = try #require(exitPage.range(of: "quick-exit__button")), skip = try #require(exitPage.range(of: "skip-link"))
        #expect(exit.lowerBound < skip.lowerBound)
        let calm = try #require(fixture.text("peer-support/index.html"))
        #expect(!calm.contains("quick-exit"))

        let site = Self.withRealTemplates(SiteFixture.minimal).with("""
        -- Content/site.yml --
        title: T
        tagline: T
        base_url: "https://example.org/"
        language: en-GB
        organisation: {name: O, url: "https://example.org/"}
        topics:
          - {slug: recovery, title: Recovery, description: D, quick_exit: true}
          - {slug: other, title: Other, description: D}
        -- Content/articles/a.md --
        ---
        title: A
        summary: In a topic with quick exit.
        topics: [other, recovery]
        published: 2026-01-01
        last_reviewed: 2026-01-01
        next_review: 2027-01-01
        authors: [{name: A, role: B}]
        ---
        Text.
        """)
        let output = try site.build()
        #expect(output.text("a/index.html")?.contains("data-quick-exit") == true)
        #expect(output.text("topics/recovery/index.html")?.contains("data-quick-exit") == true)
        #expect(output.text("topics/other/index.html")?.contains("data-quick-exit") == false)
        #expect(output.files.keys.contains { $0.hasPrefix("assets/quick-exit.") && $0.hasSuffix(".js") })
    }

    @Test func relatedArticlesShareTopicsFirstThenWords() throws {
        func article(_ slug: String, topics: String, words: String) -> String {
            """
            -- Content/articles/\(slug).md --
            ---
            title: \(slug)
            summary: \(words)
            topics: [\(topics)]
            published: 2026-01-01
            last_reviewed: 2026-01-01
            next_review: 2027-01-01
            authors: [{name: A, role: B}]
            ---
            \(words) \(words)
            """
        }
        let site = Self.withRealTemplates(SiteFixture.minimal).with("""
        -- Content/site.yml --
        title: T
        tagline: T
        base_url: "https://example.org/"
        language: en-GB
        organisation: {name: O, url: "https://example.org/"}
        topics:
          - {slug: one, title: One, description: D}
          - {slug: two, title: Two, description: D}
        """ + "\n" + [
            article("gardening", topics: "one", words: "allotment tomatoes compost seedlings"),
            article("allotments", topics: "one", words: "allotment tomatoes compost greenhouse"),
            article("tomatoes", topics: "two", words: "allotment tomatoes compost seedlings"),
            article("money", topics: "one", words: "budget savings pension"),
            article("benefits", topics: "two", words: "budget savings universal credit"),
            article("pensions", topics: "two", words: "budget savings pension annuity"),
        ].joined(separator: "\n"))
        let output = try site.build()
        let page = try #require(output.text("gardening/index.html"))
        let related = try #require(page.components(separatedBy: #"<section class="related">"#).dropFirst().first)
        let order = ["allotments", "money", "tomatoes"].map { related.range(of: "../\($0)/")?.lowerBound }
        // Same topic and similar words, then same topic only, then similar words only.
        #expect(order.allSatisfy { $0 != nil })
        if let a = order[0], let b = order[1], let c = order[2] { #expect(a < b && b < c) }
        let money = try #require(output.text("money/index.html"))
        // Across topics, the article with the most words in common leads.
        #expect(money.components(separatedBy: #"<section class="related">"#).dropFirst().first?.contains("../pensions/") == true)
    }
}

