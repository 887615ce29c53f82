import Foundation
import SiteBuild
import SiteModel
import Testing

@Suite("Change classification")
struct ChangeScopeTests {
    @Test func classifiesEachKindOfFile() {
        #expect(ChangeScope.of("Content/articles/peer-support.md") == .documents)
        #expect(ChangeScope.of("Content/articles/sub/folder/x.md") == .documents)
        #expect(ChangeScope.of("Content/pages/about.md") == .documents)
        #expect(ChangeScope.of("Templates/article.mustache") == .templates)
        #expect(ChangeScope.of("Templates/partials/head.mustache") == .templates)
        #expect(ChangeScope.of("Templates/assets/style.css") == .templates)
        #expect(ChangeScope.of("Templates/assets/images/logo.svg") == .templates)
        #expect(ChangeScope.of("Content/media/poster.png") == .templates)
        #expect(ChangeScope.of("Content/media/leaflets/wrap.pdf") == .templates)
        #expect(ChangeScope.of("Content/site.yml") == .full)
        #expect(ChangeScope.of("Content/data/crisis.yml") == .full)
    }

    @Test func ignoresEditorTempFilesAndNonInputs() {
        for path in ["Content/articles/.peer-support.md.swp", "Content/articles/peer-support.md~", "Content/articles/#x.md#",
                     "Content/articles/4913", "Content/articles/.#x.md", "Content/articles/x.md.tmp",
                     "Content/articles/notes.txt", "Templates/README.md", "Public/index.html", "README.md",
                     "Templates/assets/.DS_Store"] {
            #expect(ChangeScope.of(path) == .ignored, "\(path)")
        }
    }

    @Test func theLargestScopeWins() {
        #expect([ChangeScope.documents, .full, .templates].max() == .full)
        #expect([ChangeScope.ignored, .documents].max() == .documents)
    }
}

@Suite("Incremental build")
struct IncrementalBuildTests {
    static let today = Day(iso: "2026-11-26")!

    /// Three articles in one topic (a, b, c by weight), one in another, a page linking to b.
    static let site = SiteFixture.minimal
        .with(SiteFixture.article("alpha", extra: "weight: 1"))
        .with(SiteFixture.article("bravo", extra: "weight: 2", body: "Bravo body.\n\n## Details\n\nMore."))
        .with(SiteFixture.article("charlie", extra: "weight: 3"))
        .with(SiteFixture.article("delta", topics: "[work]"))
        .with("""
        -- Content/pages/about.md --
        ---
        title: About
        summary: About us.
        ---
        See [Bravo](../articles/bravo.md#details).
        """)

    static func options() -> BuildOptions {
        var options = BuildOptions(today: today)
        options.jobs = 2
        return options
    }

    /// A full build of `fixture` with the ordinary builder: what incremental results must equal.
    static func fullBuild(_ fixture: SiteFixture) throws -> [String: Data] {
        let output = MemoryOutput()
        _ = try SiteBuilder(options: options()).build(fixture.siteFiles, into: output)
        return output.files
    }

    /// Starts an incremental build and returns it with its served files.
    static func start(_ fixture: SiteFixture = site) throws -> (IncrementalBuild, [String: Data]) {
        let build = IncrementalBuild(files: fixture.siteFiles, options: options())
        let first = try build.buildAll()
        return (build, first.written.merging(try build.searchFiles().written) { _, search in search })
    }

    /// What the preview serves after `rebuild`: its pages, then the search index it
    /// brings up to date afterwards.
    static func apply(_ rebuild: IncrementalBuild.Rebuild, of build: IncrementalBuild, to served: inout [String: Data]) throws {
        for path in rebuild.removed { served[path] = nil }
        served.merge(rebuild.written) { _, new in new }
        let search = try build.searchFiles()
        for path in search.removed { served[path] = nil }
        served.merge(search.written) { _, new in new }
    }

    static func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    @Test func firstBuildEqualsTheOrdinaryBuild() throws {
        let (_, served) = try Self.start()
        #expect(served == (try Self.fullBuild(Self.site)))
    }

    /// The warnings the preview shows, kept per document between rebuilds, equal those of a
    /// preview started afresh on the same files, after edits that add and remove findings.
    @Test func warningsFollowEditsAsAFreshStartWouldShowThem() throws {
        var current = SiteFixture(files: Self.site.files.merging(["Content/data/language-guide.tsv": CheckFixtures.languageGuide]) { $1 })
        let build = IncrementalBuild(files: current.siteFiles, options: Self.options())
        var warnings = try build.buildAll().warnings
        func edit(_ name: String, body: String) throws {
            current = current.with(name == "delta" ? SiteFixture.article(name, topics: "[work]", body: body)
                                   : SiteFixture.article(name, extra: "weight: 1", body: body))
            let path = "Content/articles/\(name).md"
            warnings = try build.apply([path: Data(current.files[path]!.utf8)]).warnings
            #expect(warnings == (try IncrementalBuild(files: current.siteFiles, options: Self.options()).buildAll().warnings))
        }
        let before = warnings.count
        try edit("alpha", body: "It was a cry for help.")
        #expect(warnings.count == before + 1)
        #expect(warnings.contains { $0.location?.path == "Content/articles/alpha.md" && $0.message.contains("cry for help") })
        try edit("delta", body: "Another cry for help.")
        #expect(warnings.count == before + 2)
        try edit("alpha", body: "She reached out.")
        #expect(warnings.count == before + 1)
        #expect(!warnings.contains { $0.location?.path == "Content/articles/alpha.md" })
    }

    /// A body edit that leaves the words related articles are chosen by as they were (here
    /// only short and common words are added); `IncrementalGraphTests` edits those too.
    @Test func aBodyEditRendersOnlyThatPage() throws {
        let (build, start) = try Self.start()
        var served = start
        let edited = Self.site.with(SiteFixture.article("charlie", extra: "weight: 3", body: "Some text. And so it was."))
        let rebuild = try build.apply(["Content/articles/charlie.md": Data(edited.files["Content/articles/charlie.md"]!.utf8)])
        #expect(rebuild.scope == .documents)
        #expect(Set(rebuild.written.keys) == ["charlie/index.html"])
        #expect(rebuild.bodiesRendered == 1)
        #expect(Self.text(rebuild.written["charlie/index.html"]).contains("And so it was."))
        try Self.apply(rebuild, of: build, to: &served)
        #expect(served == (try Self.fullBuild(edited)))
    }

    /// Deferring: the edited page first, the pages that list it from `renderDeferred()`;
    /// together they are what the same edit renders at once.
    @Test func aDeferredTitleEditRendersItsOwnPageFirstAndTheListingsAfter() throws {
        let edited = Self.site.with(SiteFixture.article("bravo", title: "Bravo Renamed", extra: "weight: 2",
                                                        body: "Bravo body.\n\n## Details\n\nMore."))
        let change = ["Content/articles/bravo.md": Data(edited.files["Content/articles/bravo.md"]!.utf8)]
        let (atOnce, _) = try Self.start()
        let whole = try atOnce.apply(change)
        let (build, start) = try Self.start()
        var served = start
        var rebuild = try build.apply(change, deferringListings: true)
        #expect(Set(rebuild.written.keys) == ["bravo/index.html"])
        #expect(rebuild.deferred == Set(whole.written.keys).subtracting(["bravo/index.html"]))
        #expect(rebuild.deferred.contains("topics/index.html"))
        let later = try build.renderDeferred()
        #expect(rebuild.written.merging(later) { $1 } == whole.written)
        #expect(try build.renderDeferred().isEmpty)
        rebuild.deferred = []
        try Self.apply(rebuild, of: build, to: &served)
        served.merge(later) { $1 }
        #expect(served == (try Self.fullBuild(edited)))
    }

    /// A change that arrives before the deferred pages were rendered renders them with it.
    @Test func deferredPagesLeftOverAreRenderedWithTheNextChange() throws {
        let renamed = Self.site.with(SiteFixture.article("bravo", title: "Bravo Renamed", extra: "weight: 2",
                                                         body: "Bravo body.\n\n## Details\n\nMore."))
        let (build, _) = try Self.start()
        let first = try build.apply(["Content/articles/bravo.md": Data(renamed.files["Content/articles/bravo.md"]!.utf8)],
                                    deferringListings: true)
        let edited = renamed.with(SiteFixture.article("delta", topics: "[work]", body: "Delta changed."))
        let next = try build.apply(["Content/articles/delta.md": Data(edited.files["Content/articles/delta.md"]!.utf8)],
                                   deferringListings: true)
        #expect(first.deferred.isSubset(of: Set(next.written.keys)))
        #expect(Self.text(next.written["topics/index.html"]).contains("Bravo Renamed"))
    }

    @Test func aTitleEditRendersEveryPageThatShowsIt() throws {
        let (build, start) = try Self.start()
        var served = start
        let edited = Self.site.with(SiteFixture.article("bravo", title: "Bravo Renamed", extra: "weight: 2",
                                                        body: "Bravo body.\n\n## Details\n\nMore."))
        let rebuild = try build.apply(["Content/articles/bravo.md": Data(edited.files["Content/articles/bravo.md"]!.utf8)])
        // Its page, its neighbours (alpha, charlie), its topic, home, the A–Z, feed, sitemap;
        // not delta (another topic, not related) nor the 404 page.
        let written = Set(rebuild.written.keys)
        for path in ["bravo/index.html", "alpha/index.html", "charlie/index.html", "topics/recovery/index.html",
                     "index.html", "topics/index.html", "feed.xml", "sitemap.xml"] {
            #expect(written.contains(path), "\(path) should be rendered again")
        }
        for path in ["delta/index.html", "404.html", "topics/work/index.html", "robots.txt"] {
            #expect(!written.contains(path), "\(path) should not be rendered again")
        }
        #expect(Self.text(rebuild.written["alpha/index.html"]).contains("Bravo Renamed"))
        try Self.apply(rebuild, of: build, to: &served)
        #expect(served == (try Self.fullBuild(edited)))
    }

    @Test func dependenciesNameTheOutputsThatReadADocument() throws {
        let (build, _) = try Self.start()
        let graph = build.dependencies
        #expect(graph.outputs(reading: [.body("Content/articles/bravo.md")]) == ["bravo/index.html"])
        let listing = graph.outputs(reading: [.listing("Content/articles/bravo.md")])
        #expect(listing.isSuperset(of: ["bravo/index.html", "alpha/index.html", "charlie/index.html",
                                        "topics/recovery/index.html", "topics/index.html", "sitemap.xml", "feed.xml",
                                        "about/index.html"]))
        #expect(!listing.contains("delta/index.html"))
        #expect(!listing.contains("404.html"))
        #expect(graph.inputs(of: "about/index.html")?.contains(.listing("Content/articles/bravo.md")) == true,
                "a page records the documents its links point at")
    }

    @Test func movingAnArticleInTheOrderUpdatesItsNewNeighbours() throws {
        let (build, start) = try Self.start()
        var served = start
        // delta joins the recovery topic between alpha and bravo: alpha and bravo had not read it.
        let edited = Self.site.with(SiteFixture.article("delta", topics: "[recovery]", extra: "weight: 1"))
        let rebuild = try build.apply(["Content/articles/delta.md": Data(edited.files["Content/articles/delta.md"]!.utf8)])
        try Self.apply(rebuild, of: build, to: &served)
        #expect(served == (try Self.fullBuild(edited)))
        #expect(rebuild.written.keys.contains("topics/work/index.html"))
    }

    @Test func addingAndDeletingArticles() throws {
        let (build, start) = try Self.start()
        var served = start
        let added = Self.site.with(SiteFixture.article("echo", extra: "weight: 4"))
        let addRebuild = try build.apply(["Content/articles/echo.md": Data(added.files["Content/articles/echo.md"]!.utf8)])
        try Self.apply(addRebuild, of: build, to: &served)
        #expect(served == (try Self.fullBuild(added)))
        #expect(addRebuild.bodiesRendered == 1)

        let deleted = added.without("Content/articles/charlie.md")
        let deleteRebuild = try build.apply(["Content/articles/charlie.md": nil])
        #expect(deleteRebuild.removed == ["charlie/index.html"])
        try Self.apply(deleteRebuild, of: build, to: &served)
        #expect(served == (try Self.fullBuild(deleted)))
    }

    @Test func aTemplateEditRerendersEveryPageWithoutMarkdown() throws {
        let (build, start) = try Self.start()
        var served = start
        let edited = Self.site.with("""
        -- Templates/page.mustache --
        {{<base}}{{$main}}<h1 class="changed">{{content_page.title}}</h1>{{{content_page.body}}}{{/main}}{{/base}}
        """)
        let rebuild = try build.apply(["Templates/page.mustache": Data(edited.files["Templates/page.mustache"]!.utf8)])
        #expect(rebuild.scope == .templates)
        #expect(rebuild.bodiesRendered == 0)
        #expect(Self.text(rebuild.written["about/index.html"]).contains("class=\"changed\""))
        try Self.apply(rebuild, of: build, to: &served)
        #expect(served == (try Self.fullBuild(edited)))
    }

    @Test func anAssetEditRenamesItAndUpdatesPages() throws {
        let (build, start) = try Self.start()
        var served = start
        let edited = Self.site.with("""
        -- Templates/assets/style.css --
        body { color: black; background: url(images/dot.svg); }
        """)
        let rebuild = try build.apply(["Templates/assets/style.css": Data(edited.files["Templates/assets/style.css"]!.utf8)])
        #expect(rebuild.removed.contains { $0.hasPrefix("assets/style.") })
        try Self.apply(rebuild, of: build, to: &served)
        #expect(served == (try Self.fullBuild(edited)))
    }

    /// A media file added, changed and removed in the preview: served as a full build of the
    /// same files would serve it, each time.
    @Test func mediaFilesFollowEdits() throws {
        let (build, start) = try Self.start()
        var served = start
        var files = Self.site.siteFiles
        for (path, text) in [("Content/media/poster.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
                             ("Content/media/poster.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>"),
                             ("Content/media/poster.svg", nil)] as [(String, String?)] {
            let data = text.map { Data($0.utf8) }
            files[path] = data
            let rebuild = try build.apply([path: data])
            // Pages name media by name, so only the media file itself is written or removed.
            #expect(Array(rebuild.written.keys) == (text == nil ? [] : ["media/poster.svg"]))
            #expect(rebuild.removed == (text == nil ? ["media/poster.svg"] : []))
            try Self.apply(rebuild, of: build, to: &served)
            let expected = MemoryOutput()
            _ = try SiteBuilder(options: Self.options()).build(files, into: expected)
            #expect(served == expected.files, "after \(path) became \(text ?? "nothing")")
            #expect(served["media/poster.svg"].map { String(decoding: $0, as: UTF8.self) } == text)
        }
    }

    /// Links to site paths (`/media/…`, `/topics/`) are checked against what the site plans,
    /// with the full build's messages, as media come and go and bodies change. In the
    /// preview they are findings beside the pages; `hub build` fails on them.
    @Test func linksToSitePathsAreCheckedAsMediaAndBodiesChange() throws {
        let site = Self.site.with(SiteFixture.article("posters", body: "![A poster](/media/poster.svg) and [topics](/topics/)"))
        let build = IncrementalBuild(files: site.siteFiles, options: Self.options())
        let missing = "link to '/media/poster.svg' goes nowhere: the site has no media/poster.svg"
        func found(_ warnings: [Diagnostic]) -> [String] {
            warnings.filter { $0.message.contains("goes nowhere") }.map { "\($0.location?.path ?? ""):\($0.location?.line ?? 0) \($0.message)" }
        }
        #expect(found(try build.buildAll().warnings) == ["Content/articles/posters.md:12 \(missing)"])

        let poster = Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)
        #expect(found(try build.apply(["Content/media/poster.svg": poster]).warnings) == [])
        #expect(found(try build.apply(["Content/media/poster.svg": nil]).warnings) == ["Content/articles/posters.md:12 \(missing)"])

        let alpha = try #require(SiteFixture(SiteFixture.article("alpha", extra: "weight: 1", body: "See [nowhere](/nowhere/).")).files["Content/articles/alpha.md"])
        #expect(found(try build.apply(["Content/articles/alpha.md": Data(alpha.utf8)]).warnings) == [
            "Content/articles/alpha.md:12 link to '/nowhere/' goes nowhere: the site has no nowhere/index.html",
            "Content/articles/posters.md:12 \(missing)",
        ])
    }

    @Test func aBrokenEditFailsAndTheFixBuildsFromTheLastGoodState() throws {
        let (build, start) = try Self.start()
        var served = start
        let broken = "---\ntitle: [unclosed\n---\nText.\n"
        #expect(throws: BuildFailure.self) { try build.apply(["Content/articles/bravo.md": Data(broken.utf8)]) }
        do {
            _ = try build.apply(["Content/articles/bravo.md": Data(broken.utf8)])
        } catch let failure as BuildFailure {
            let printed = DiagnosticPrinter().format(failure.diagnostics)
            #expect(printed.contains("Content/articles/bravo.md:2:"), "\(printed)")
            #expect(printed.contains("title: [unclosed"), "the source line is quoted: \(printed)")
        }
        // An unrelated good edit still fails while bravo is broken.
        let charlie = Self.site.with(SiteFixture.article("charlie", extra: "weight: 3", body: "Charlie changed."))
        #expect(throws: BuildFailure.self) {
            try build.apply(["Content/articles/charlie.md": Data(charlie.files["Content/articles/charlie.md"]!.utf8)])
        }
        let fixed = try build.apply(["Content/articles/bravo.md": Data(Self.site.files["Content/articles/bravo.md"]!.utf8)])
        try Self.apply(fixed, of: build, to: &served)
        #expect(served == (try Self.fullBuild(charlie)))
    }

    /// A front-matter edit that fails after parsing (an undeclared topic, found while the
    /// graph is patched) leaves the state as it was: the next good edit builds from it.
    @Test func aFrontMatterEditThatFailsLeavesTheStateAsItWas() throws {
        let (build, start) = try Self.start()
        var served = start
        let undeclared = Self.site.with(SiteFixture.article("bravo", title: "Bravo Renamed", topics: "[recovery, nowhere]",
                                                            extra: "weight: 2", body: "Bravo body.\n\n## Details\n\nMore."))
        do {
            _ = try build.apply(["Content/articles/bravo.md": Data(undeclared.files["Content/articles/bravo.md"]!.utf8)])
            Issue.record("an undeclared topic should fail the rebuild")
        } catch let failure as BuildFailure {
            #expect(DiagnosticPrinter().format(failure.diagnostics).contains("topic 'nowhere' is not declared"))
        }
        let fixed = Self.site.with(SiteFixture.article("bravo", title: "Bravo Again", extra: "weight: 2",
                                                       body: "Bravo body.\n\n## Details\n\nMore."))
        try Self.apply(try build.apply(["Content/articles/bravo.md": Data(fixed.files["Content/articles/bravo.md"]!.utf8)]),
                       of: build, to: &served)
        #expect(served == (try Self.fullBuild(fixed)))
        #expect(Self.text(served["alpha/index.html"]).contains("Bravo Again"))
    }

    @Test func aBrokenLinkIsReportedAndFixingItRestoresEverything() throws {
        let (build, start) = try Self.start()
        var served = start
        // bravo loses the heading the about page links to.
        let edited = Self.site.with(SiteFixture.article("bravo", extra: "weight: 2", body: "No headings now."))
        #expect(throws: BuildFailure.self) {
            try build.apply(["Content/articles/bravo.md": Data(edited.files["Content/articles/bravo.md"]!.utf8)])
        }
        do {
            _ = try build.apply(["Content/articles/bravo.md": Data(edited.files["Content/articles/bravo.md"]!.utf8)])
        } catch let failure as BuildFailure {
            #expect(DiagnosticPrinter().format(failure.diagnostics).contains("Content/pages/about.md:5:"))
        }
        // Fixed differently: the heading comes back with new text around it.
        let fixed = Self.site.with(SiteFixture.article("bravo", extra: "weight: 2", body: "New intro.\n\n## Details\n\nNew."))
        try Self.apply(try build.apply(["Content/articles/bravo.md": Data(fixed.files["Content/articles/bravo.md"]!.utf8)]), of: build, to: &served)
        #expect(served == (try Self.fullBuild(fixed)))
    }

    @Test func configChangesRebuildEverything() throws {
        let (build, _) = try Self.start()
        let edited = Self.site.files["Content/site.yml"]!.replacingOccurrences(of: "title: Test Hub", with: "title: Renamed Hub")
        let rebuild = try build.apply(["Content/site.yml": Data(edited.utf8)])
        #expect(rebuild.scope == .full)
        #expect(Self.text(rebuild.written["index.html"]).contains("Renamed Hub"))
    }

    @Test func savingTheSameBytesRebuildsNothing() throws {
        let (build, _) = try Self.start()
        let rebuild = try build.apply(["Content/articles/bravo.md": Data(Self.site.files["Content/articles/bravo.md"]!.utf8)])
        #expect(rebuild.scope == .ignored)
        #expect(rebuild.written.isEmpty)
    }

    @Test func ignoredFilesChangeNothing() throws {
        let (build, _) = try Self.start()
        let rebuild = try build.apply(["Content/articles/.bravo.md.swp": Data("x".utf8)])
        #expect(rebuild.scope == .ignored)
        #expect(rebuild.written.isEmpty)
    }
}
