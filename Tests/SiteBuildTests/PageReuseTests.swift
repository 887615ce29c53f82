import Foundation
@testable import SiteBuild
import SiteModel
import Testing

/// A page is rendered again only when what it is made from has changed: its view model,
/// the templates, or the file a previous build left.
@Suite("Pages kept from the build before last")
struct PageReuseTests {
    let site = SiteFixture.minimal
        .with(SiteFixture.article("first"))
        .with(SiteFixture.article("second"))
        .with(SiteFixture.article("third", topics: "[work]"))

    /// Builds `fixture` into `folder/Public` as `hub build` does; the paths of the pages
    /// (and search files) that were kept rather than made again.
    @discardableResult
    func build(_ fixture: SiteFixture, in folder: TemporaryFolder) throws -> Set<String> {
        let staged = try StagedDirectoryOutput(destination: folder.url.appendingPathComponent("Public"))
        let counting = ReuseCounter(staged)
        var options = BuildOptions(today: Day(iso: "2026-11-26")!)
        options.jobs = 2
        _ = try SiteBuilder(options: options).build(fixture.siteFiles, into: counting)
        try staged.commit()
        return counting.kept
    }

    /// What the same site builds into memory, where nothing is ever kept.
    func fresh(_ fixture: SiteFixture) throws -> [String: Data] { try fixture.build().files }

    func pages(_ files: [String: Data]) -> Set<String> { Set(files.keys.filter { $0.hasSuffix(".html") && !$0.hasPrefix("search/") }) }

    /// The search client and index: kept all together or not at all.
    func searchFiles(_ files: [String: Data]) -> Set<String> { Set(files.keys.filter { $0.hasPrefix("search/") && $0 != "search/index.html" }) }

    @Test func anUnchangedSiteKeepsEveryPageOfTheBuildBeforeLast() throws {
        let folder = try TemporaryFolder()
        #expect(try build(site, in: folder).isEmpty)
        let expected = try fresh(site)
        // The second build writes into an empty spare: its pages are copied from Public/,
        // the search index (kept only from the spare) is made again.
        #expect(try build(site, in: folder) == pages(expected))
        #expect(folder.snapshot("Public") == expected)
        let everything = pages(expected).union(searchFiles(expected))
        #expect(searchFiles(expected).count > 3)
        let third = try build(site, in: folder)
        #expect(third == everything, "\(third.symmetricDifference(everything).sorted())")
        #expect(folder.snapshot("Public") == expected)
        #expect(try build(site, in: folder) == everything)
        #expect(folder.snapshot("Public") == expected)
    }

    @Test func aChangedArticleIsRenderedAgainWithEveryPageThatShowsIt() throws {
        let folder = try TemporaryFolder()
        for _ in 0..<2 { try build(site, in: folder) }
        let edited = site.with(SiteFixture.article("third", title: "A new title", topics: "[work]"))
        let kept = try build(edited, in: folder)
        let expected = try fresh(edited)
        #expect(folder.snapshot("Public") == expected)
        let showingTitle = pages(expected).filter { String(decoding: expected[$0] ?? Data(), as: UTF8.self).contains("A new title") }
        #expect(showingTitle.isSuperset(of: ["third/index.html", "index.html", "topics/index.html", "topics/work/index.html"]))
        #expect(kept.isDisjoint(with: showingTitle))
        // Pages that show nothing that changed are kept; the search index is made again.
        #expect(kept == pages(expected).subtracting(showingTitle))
        #expect(kept.isDisjoint(with: searchFiles(expected)))
        #expect(kept.contains("404.html"))
    }

    @Test func aTemplateChangeRendersEveryPage() throws {
        let folder = try TemporaryFolder()
        for _ in 0..<2 { try build(site, in: folder) }
        let restyled = site.with("""
        -- Templates/partials/footer.mustache --
        <footer id="site-footer"><p>Restyled footer</p></footer>
        """)
        #expect(try build(restyled, in: folder).isDisjoint(with: pages(try fresh(restyled))))
        #expect(folder.snapshot("Public") == (try fresh(restyled)))
    }

    @Test func aFileEditedSinceItWasWrittenIsRenderedAgain() throws {
        let folder = try TemporaryFolder()
        try build(site, in: folder)
        // Public/ becomes the spare of the next build but one; edit it the same size.
        let page = folder.url.appendingPathComponent("Public/first/index.html")
        var bytes = try Data(contentsOf: page)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "<")))
        bytes[at] = UInt8(ascii: "!")
        Thread.sleep(forTimeInterval: 0.05) // past the file system's timestamp granularity
        try bytes.write(to: page)
        // Copied from Public/ where they are as written; the edited page is rendered again.
        let kept = try build(site, in: folder)
        #expect(!kept.contains("first/index.html"))
        #expect(kept.contains("second/index.html"))
        #expect(folder.snapshot("Public") == (try fresh(site)))
        // The spare now holds the edited file: the page is taken from Public/, not from it.
        try build(site, in: folder)
        #expect(folder.snapshot("Public") == (try fresh(site)))
    }

    @Test func damagedManifestsMeanRenderingEverything() throws {
        let folder = try TemporaryFolder()
        for _ in 0..<2 { try build(site, in: folder) }
        for name in [".Public.spare.manifest", ".Public.manifest"] {
            let manifest = folder.url.appendingPathComponent(name)
            let whole = try Data(contentsOf: manifest)
            try whole.prefix(whole.count / 2).write(to: manifest)
        }
        #expect(try build(site, in: folder).isEmpty)
        #expect(folder.snapshot("Public") == (try fresh(site)))
    }

    @Test func theManifestReadsBackWhatWasWritten() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("page.html").path
        try Data("<p>x</p>".utf8).write(to: URL(fileURLWithPath: file))
        var manifest = OutputManifest()
        let identity = try #require(FileIdentity(path: file))
        manifest["a/index.html"] = .init(fingerprint: Fingerprint(high: 1, low: 2), identity: identity)
        manifest["é/index.html"] = .init(fingerprint: Fingerprint(high: .max, low: 0), identity: identity)
        let path = folder.url.appendingPathComponent("manifest").path
        try manifest.write(to: path)
        #expect(OutputManifest.read(from: path).entries == manifest.entries)
        #expect(OutputManifest.read(from: path + "-missing").entries.isEmpty)
        // A path no build writes (outside the folder) is not taken from a manifest.
        for outside in ["../escape.html", "/etc/passwd", "a//b.html", "a/../../b.html"] {
            manifest[outside] = .init(fingerprint: Fingerprint(high: 1, low: 2), identity: identity)
        }
        try manifest.write(to: path)
        #expect(Set(OutputManifest.read(from: path).entries.keys) == ["a/index.html", "é/index.html"])
    }

    @Test func viewFingerprintsIgnoreKeyOrderButNotValues() {
        var first: [String: Any] = [:]
        var second: [String: Any] = [:]
        let keys = (0..<50).map { "key\($0)" }
        for key in keys { first[key] = key }
        for key in keys.reversed() { second[key] = key }
        #expect(ViewFingerprint.of(first) != nil)
        #expect(ViewFingerprint.of(first) == ViewFingerprint.of(second))
        // A value's kind counts: text, number and flag render differently in sections.
        let kinds = [["a": "1"], ["a": 1], ["a": true], ["a": ["1"]], ["a": ViewNode(values: ["b": "1"])]] as [[String: Any]]
        #expect(Set(kinds.compactMap(ViewFingerprint.of)).count == kinds.count)
        // So does the order of a list, and where text is split.
        #expect(ViewFingerprint.of(["a": ["x", "y"]]) != ViewFingerprint.of(["a": ["y", "x"]]))
        #expect(ViewFingerprint.of(["a": "xy", "b": ""]) != ViewFingerprint.of(["a": "x", "b": "y"]))
        // Text-only objects and lists of objects count as the general kinds would.
        let entries: [[String: String]] = [["title": "A", "url": "a/"], ["title": "B", "url": "b/"]]
        #expect(ViewFingerprint.of(["e": entries]) == ViewFingerprint.of(["e": entries.map { $0 as [String: Any] } as [Any]]))
        #expect(ViewFingerprint.of(["e": entries[0]]) == ViewFingerprint.of(["e": entries[0] as [String: Any]]))
        #expect(ViewFingerprint.of(["e": entries]) != ViewFingerprint.of(["e": Array(entries.reversed())]))
        // A value of a kind it does not know has no fingerprint: the page is always rendered.
        #expect(ViewFingerprint.of(["a": 1.5]) == nil)
        // A node kept with its fingerprint counts the same as one worked out each time.
        let shared = ViewNode.wrap(["topics": [["title": "Work", "url": "../work/"]]], fingerprinted: true)
        let plain = ViewNode.wrap(["topics": [["title": "Work", "url": "../work/"]]])
        #expect((shared as? ViewNode)?.fingerprint != nil)
        #expect(ViewFingerprint.of(["site": shared]) == ViewFingerprint.of(["site": plain]))
    }

    /// A node must fit in an `Any` without a box of its own: the view model holds thousands.
    @Test func aViewNodeFitsInAnAny() {
        #expect(MemoryLayout<ViewNode>.size <= 3 * MemoryLayout<Int>.size)
    }
}

/// Passes everything on to a staged output and notes which pages it kept.
private final class ReuseCounter: OutputSink, @unchecked Sendable {
    let base: StagedDirectoryOutput
    private let lock = NSLock()
    private var keptPaths: Set<String> = []

    init(_ base: StagedDirectoryOutput) { self.base = base }

    var kept: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return keptPaths
    }

    var keepsPages: Bool { base.keepsPages }

    func write(_ path: String, _ data: Data) throws { try base.write(path, data) }

    func write(_ path: String, _ data: Data, madeFrom fingerprint: Fingerprint?) throws {
        try base.write(path, data, madeFrom: fingerprint)
    }

    func reuse(_ path: String, madeFrom fingerprint: Fingerprint) -> Data? {
        guard let data = base.reuse(path, madeFrom: fingerprint) else { return nil }
        lock.lock()
        keptPaths.insert(path)
        lock.unlock()
        return data
    }

    func reuse(group fingerprint: Fingerprint) -> [String]? {
        guard let paths = base.reuse(group: fingerprint) else { return nil }
        lock.lock()
        keptPaths.formUnion(paths)
        lock.unlock()
        return paths
    }
}
