import Foundation
import SiteBuild
import SiteModel
import Testing

/// The realistic fixture site (a copy of some of the hub's own articles) built with the
/// hub's real templates, compared with golden files.
@Suite("Golden snapshots")
struct SnapshotTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/RealisticSite")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func build() throws -> MemoryOutput {
        var files = SiteFiles.read(root: fixture, folders: ["Content"])
        for (path, data) in SiteFiles.read(root: repository, folders: ["Templates"]).files { files[path] = data }
        let output = MemoryOutput()
        _ = try SiteBuilder(options: BuildOptions(today: Day(iso: "2026-11-26")!)).build(files, into: output)
        return output
    }

    @Test func articlePageSitemapAndFeed() throws {
        let output = try Self.build()
        Snapshot.assert(output.page("peer-support/index.html"), named: "peer-support.html")
        Snapshot.assert(output.page("sitemap.xml"), named: "sitemap.xml")
        Snapshot.assert(output.page("feed.xml"), named: "feed.xml")
    }

    /// One page from each template, plus the quick-exit and content-note article and the
    /// headers file.
    @Test(arguments: [
        ("index.html", "home.html"), ("topics/index.html", "topics.html"),
        ("topics/personal-recovery/index.html", "topic-personal-recovery.html"), ("about/index.html", "page-about.html"),
        ("404.html", "404.html"), ("work-and-mental-health/index.html", "redirect.html"),
        ("work-and-recovery/index.html", "work-and-recovery.html"), ("_headers", "_headers"),
    ])
    func eachTemplatesOutput(path: String, snapshot: String) throws {
        let output = try Self.build()
        Snapshot.assert(output.page(path), named: snapshot)
    }

    @Test func theHubsOwnContentBuildsWithoutWarnings() throws {
        let files = SiteFiles.read(root: Self.repository)
        var options = BuildOptions(today: Day(iso: "2026-11-26")!)
        options.strict = true
        let output = MemoryOutput()
        let report = try SiteBuilder(options: options).build(files, into: output)
        #expect(report.articles >= 7)
        #expect(report.pages >= 4)
        #expect(report.topics == 5)
    }
}
