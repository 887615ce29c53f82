import Foundation
import SiteBuild
import SiteModel
import Testing

@Suite("Whole-site builds")
struct WholeSiteTests {
    let site = SiteFixture.minimal
        .with(SiteFixture.article("peer-support", title: "Peer support", published: "2026-03-01",
                                  extra: "aliases: [/old-peer/, /2019/peer.html]",
                                  body: """
                                  ## What peer workers do

                                  Read about [recovery](clinical-recovery.md#what-it-means) and the [about page](../pages/about.md).
                                  An [external site](https://www.mind.org.uk/) and [A&E](/topics/).

                                  ### Details
                                  """))
        .with(SiteFixture.article("clinical-recovery", title: "Clinical recovery", published: "2026-02-01",
                                  body: "## What it means\n\nText about **clinical** recovery."))
        .with(SiteFixture.article("work-and-money", title: "Work and money", topics: "[work]", published: "2026-01-01"))
        .with("""
        -- Content/pages/about.md --
        ---
        title: About us
        summary: Who we are.
        ---
        We publish information.
        """)

    @Test func everyKindOfPageIsWrittenAtItsCleanURL() throws {
        let output = try site.build()
        let paths = Set(output.files.keys)
        for expected in ["index.html", "peer-support/index.html", "clinical-recovery/index.html", "about/index.html",
                         "topics/index.html", "topics/recovery/index.html", "topics/work/index.html", "404.html",
                         "sitemap.xml", "feed.xml", "robots.txt", "old-peer/index.html", "2019/peer.html"] {
            #expect(paths.contains(expected), "missing \(expected)")
        }
        let page = output.page("peer-support/index.html")
        #expect(page.contains("<h1>Peer support</h1>"))
        #expect(page.contains(#"<a href="tel:116123">Samaritans</a>"#))
        #expect(page.contains("Page last reviewed: 1 February 2026 · Next review due: 1 February 2028"))
    }

    @Test func markdownLinksBecomePageURLsAndExternalLinksGetRel() throws {
        let page = try site.build().page("peer-support/index.html")
        #expect(page.contains(##"<a href="../clinical-recovery/#what-it-means">recovery</a>"##))
        #expect(page.contains(#"<a href="../about/">about page</a>"#))
        #expect(page.contains(#"<a href="https://www.mind.org.uk/" rel="noopener noreferrer">external site</a>"#))
        #expect(page.contains(#"<a href="../topics/">A&amp;E</a>"#))
    }

    @Test func headingsGetIDsAndATableOfContents() throws {
        let page = try site.build().page("peer-support/index.html")
        #expect(page.contains(#"<h2 id="what-peer-workers-do">What peer workers do</h2>"#))
        #expect(page.contains(#"<h3 id="details">Details</h3>"#))
        #expect(page.contains(##"<nav><a href="#what-peer-workers-do">What peer workers do</a><a href="#details">Details</a></nav>"##))
    }

    @Test func neighboursFollowTheFirstTopicsOrder() throws {
        let page = try site.build().page("peer-support/index.html")
        #expect(page.contains(#"<a rel="prev" href="../clinical-recovery/">Clinical recovery</a>"#))
        #expect(!page.contains(#"rel="next""#))
    }

    @Test func homeListsNewestFirstAndTopicPagesListTheirArticles() throws {
        let output = try site.build()
        let home = output.page("index.html")
        let order = ["Peer support", "Clinical recovery", "Work and money"].compactMap { home.range(of: ">\($0)<")?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        #expect(home.contains(#"href="peer-support/""#))
        let topic = output.page("topics/work/index.html")
        #expect(topic.contains(#"<a href="../../work-and-money/">Work and money</a>"#))
        #expect(!topic.contains("Peer support"))
    }

    @Test func theAToZListsTopicsArticlesAndPagesByLetter() throws {
        let index = try site.build().page("topics/index.html")
        #expect(index.contains("<h2>A</h2><a href=\"../about/\">About us</a>"))
        #expect(index.contains(#"<a href="../clinical-recovery/">Clinical recovery</a>"#))
        #expect(index.contains(#"<a href="../topics/recovery/">Recovery</a>"#))
    }

    @Test func aliasesRedirectWithRefreshAndCanonical() throws {
        let output = try site.build()
        let redirect = output.page("old-peer/index.html")
        #expect(redirect.contains(#"content="0; url=../peer-support/""#))
        #expect(redirect.contains(#"<link rel="canonical" href="https://example.org/peer-support/">"#))
        #expect(output.page("2019/peer.html").contains(#"url=../peer-support/""#))
    }

    @Test func sitemapFeedAndRobotsUseAbsoluteURLs() throws {
        let output = try site.build()
        let sitemap = output.page("sitemap.xml")
        #expect(sitemap.contains("<url><loc>https://example.org/peer-support/</loc><lastmod>2026-03-01</lastmod></url>"))
        #expect(sitemap.contains("<loc>https://example.org/topics/work/</loc>"))
        let feed = output.page("feed.xml")
        #expect(feed.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">"#))
        #expect(feed.contains("<id>https://example.org/peer-support/</id>"))
        #expect(feed.contains("<updated>2026-03-01T00:00:00Z</updated>"))
        #expect(output.page("robots.txt").contains("Sitemap: https://example.org/sitemap.xml"))
    }

    @Test func aSubPathBaseURLChangesAbsoluteURLsOnly() throws {
        let output = try site.build { $0.baseURL = "https://example.org/hub/" }
        #expect(output.page("sitemap.xml").contains("<loc>https://example.org/hub/peer-support/</loc>"))
        let page = output.page("peer-support/index.html")
        #expect(page.contains(#"<link rel="canonical" href="https://example.org/hub/peer-support/">"#))
        #expect(page.contains(#"<a href="../">Home</a>"#))
        // The 404 page is served at any depth, so its links start from the base path.
        #expect(output.page("404.html").contains(#"<a href="/hub/topics/">Topics</a>"#))
    }

    @Test func assetsGetContentHashedNamesAndEveryReferenceFollows() throws {
        let output = try site.build()
        let assets = output.files.keys.filter { $0.hasPrefix("assets/") }.sorted()
        #expect(assets.count == 2)
        let css = try #require(assets.first { $0.hasSuffix(".css") })
        let svg = try #require(assets.first { $0.hasSuffix(".svg") })
        #expect(css.range(of: #"^assets/style\.[0-9a-f]{10}\.css$"#, options: .regularExpression) != nil)
        let svgName = String(svg.dropFirst("assets/images/".count))
        #expect(output.page(css).contains("url(images/\(svgName))"))
        #expect(output.page("peer-support/index.html").contains(#"href="../\#(css)""#))
        #expect(output.page("index.html").contains(#"href="./\#(css)""#))
    }

    /// Images and documents for articles live in Content/media/ and are served under /media/
    /// by their own names. A link to one, written from the site's root or from the Markdown
    /// file (as an editor's Markdown preview reads it), becomes a relative URL.
    @Test func mediaFilesAreServedByNameAndLinksToThemResolve() throws {
        let output = try SiteFixture.minimal
            .with(SiteFixture.article("posters", body: """
            ![A poster for peer support week](../media/posters/week.svg)

            Read [our leaflet](/media/leaflet.txt) or [the same leaflet](../media/leaflet.txt#page=2).
            """))
            .with("""
            -- Content/media/posters/week.svg --
            <svg xmlns="http://www.w3.org/2000/svg"/>
            -- Content/media/leaflet.txt --
            A leaflet.
            """)
            .build()
        #expect(output.page("media/posters/week.svg").contains(#"<svg xmlns="http://www.w3.org/2000/svg"/>"#))
        #expect(output.page("media/leaflet.txt").contains("A leaflet."))
        let page = output.page("posters/index.html")
        #expect(page.contains(#"<img src="../media/posters/week.svg" alt="A poster for peer support week" />"#))
        #expect(page.contains(#"<a href="../media/leaflet.txt">our leaflet</a>"#))
        #expect(page.contains(#"<a href="../media/leaflet.txt#page=2">the same leaflet</a>"#))
    }

    @Test func aMediaFileMustExistAndHaveAnAddressableName() throws {
        let missing = SiteFixture.minimal.with(SiteFixture.article("posters", body: "![A poster](../media/missing.svg)"))
        let failure = #expect(throws: BuildFailure.self) { try missing.build() }
        let located = failure?.diagnostics.first { $0.location?.path == "Content/articles/posters.md" }
        #expect(located?.message == "link to '../media/missing.svg' goes nowhere: the site has no media/missing.svg",
                "\(failure?.diagnostics.map(\.message) ?? [])")
        #expect(located?.location?.line == 12) // after 11 lines of front matter
        #expect(located?.location?.column == 1)

        let badName = SiteFixture.minimal.with("-- Content/media/My Poster (final).svg --\n<svg/>")
        let refused = #expect(throws: BuildFailure.self) { try badName.build() }
        #expect(refused?.diagnostics.map(\.message) == [
            "a media file's name becomes its web address, so it may hold only letters, digits, '-', '_' and '.'; "
                + "rename it, e.g. to 'my-poster-final.svg'",
        ])
        #expect(refused?.diagnostics.first?.location?.path == "Content/media/My Poster (final).svg")
    }

    /// Media come from the site's own origin, which its CSP trusts for scripts: in safe mode
    /// a page, a script or an SVG holding one is refused; `unsafe_html: true` publishes them.
    @Test func mediaCannotCarryScriptsInSafeMode() throws {
        let site = SiteFixture.minimal.with("""
        -- Content/media/page.html --
        <script>alert(1)</script>
        -- Content/media/tracker.js --
        alert(1)
        -- Content/media/diagram.svg --
        <svg xmlns="http://www.w3.org/2000/svg"><rect onLoad = "alert(1)"/></svg>
        -- Content/media/poster.svg --
        <svg xmlns="http://www.w3.org/2000/svg"><title>Only a drawing; onwards</title></svg>
        """)
        let failure = #expect(throws: BuildFailure.self) { try site.build() }
        #expect(failure?.diagnostics.map { $0.location?.path ?? "" } == ["Content/media/diagram.svg", "Content/media/page.html", "Content/media/tracker.js"])
        #expect(failure?.diagnostics.first?.message == "this SVG holds a script or an event handler, which safe mode does not publish; save it again without them")
        #expect(failure?.diagnostics.last?.message.hasPrefix("'.js' files cannot be published from Content/media/: only images, documents") == true)

        let trusted = site.with("-- Content/site.yml --\n" + (site.files["Content/site.yml"] ?? "") + "\nunsafe_html: true\n")
        let output = try trusted.build()
        #expect(output.files["media/page.html"] != nil && output.files["media/tracker.js"] != nil && output.files["media/diagram.svg"] != nil)
    }

    /// WCAG 1.1.1 and 2.4.4: a screen reader reads an image's alt text and a link's words;
    /// without them it has only the address to read.
    @Test func anImageWithoutAltTextOrALinkWithoutWordsIsAnError() throws {
        let site = SiteFixture.minimal
            .with(SiteFixture.article("posters", body: "![](/media/week.svg) and [](https://www.mind.org.uk/)\n\n![A poster](/media/week.svg)"))
            .with("-- Content/media/week.svg --\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        let failure = #expect(throws: BuildFailure.self) { try site.build() }
        let found = failure?.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" }
        #expect(found == ["12:1 this image has no alt text", "12:26 this link has no text"])
        #expect(failure?.diagnostics.first?.notes.first?.hasPrefix("say in a few words what it shows") == true)
    }

    @Test func valuesAreHTMLEscapedButTheBodyIsNot() throws {
        let output = try SiteFixture.minimal.with(SiteFixture.article("x", title: "'\"Me\" & <you>'", body: "*hi* & <b>raw</b>")).build()
        let page = output.page("x/index.html")
        #expect(page.contains("<h1>&quot;Me&quot; &amp; &lt;you&gt;</h1>"))
        #expect(page.contains("<p><em>hi</em> &amp; <!-- raw HTML omitted -->raw<!-- raw HTML omitted --></p>"))
    }

    @Test func unsafeHTMLIsOptInFromSiteYml() throws {
        var files = SiteFixture.minimal.with(SiteFixture.article("x", body: "<b>raw</b>")).files
        files["Content/site.yml", default: ""] += "unsafe_html: true\n"
        let page = try SiteFixture(files: files).build().page("x/index.html")
        #expect(page.contains("<p><b>raw</b></p>"))
    }

    @Test func draftsAndFutureArticlesAreLeftOutUnlessAsked() throws {
        let site = SiteFixture.minimal
            .with(SiteFixture.article("draft-one", extra: "draft: true"))
            .with(SiteFixture.article("future-one", published: "2027-01-01"))
        let normal = try site.build()
        #expect(normal.text("draft-one/index.html") == nil)
        #expect(normal.text("future-one/index.html") == nil)
        #expect(!normal.page("sitemap.xml").contains("draft-one"))
        let all = try site.build { $0.includeDrafts = true; $0.includeFuture = true }
        #expect(all.text("draft-one/index.html") != nil)
        #expect(all.text("future-one/index.html") != nil)
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let first = try site.build { $0.jobs = 1 }.files
        let second = try site.build { $0.jobs = 4 }.files
        #expect(first == second)
    }

    @Test func onlyThePageANavigationLinkPointsAtMarksItCurrent() throws {
        var files = site.files
        files["Content/site.yml", default: ""] += "navigation:\n  - {title: Home, url: /}\n  - {title: About, url: /about/}\n"
        files["Templates/partials/help.mustache"] =
            "<nav>{{#navigation}}<a href=\"{{url}}\"{{#is_current}} aria-current=\"page\"{{/is_current}}>{{title}}</a>{{/navigation}}</nav>"
        let output = try SiteFixture(files: files).build()
        #expect(output.page("index.html").contains(#"<a href="./" aria-current="page">Home</a><a href="./about/">About</a>"#))
        #expect(output.page("about/index.html").contains(#"<a href="../">Home</a><a href="../about/" aria-current="page">About</a>"#))
        #expect(output.page("peer-support/index.html").contains(#"<nav><a href="../">Home</a><a href="../about/">About</a></nav>"#))
    }

    @Test func reviewWarningsPrintButFailOnlyWhenStrict() throws {
        let site = SiteFixture.minimal.with(SiteFixture.article("soon", extra: ""))
        // next_review 2028-02-01 is 50 days after this "today".
        _ = try site.build { $0.today = Day(iso: "2027-12-13")! }
        let failure = site.failure { $0.today = Day(iso: "2027-12-13")!; $0.strict = true }
        #expect(failure.contains("Content/articles/soon.md:7:14: warning: review due in 50 days (2028-02-01)"))
    }
}
