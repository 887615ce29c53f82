import Foundation
@testable import SearchIndex
@testable import SiteBuild
import SiteModel
import Testing

/// Each document's check results and search words, kept for the next build: the same as
/// working them out again, and never used for a document whose text has changed.
@Suite("Document cache")
struct DocumentCacheTests {
    let inputs = Fingerprint(high: 7, low: 11)

    func sampleEntry() -> DocumentCache.Entry {
        let location = SourceLocation(path: "Content/articles/a.md", line: 12, column: 7)
        let findings = [
            Finding(.language, Diagnostic(.warning, "'is mental': do not use 'mental' as an insult", at: location,
                                          sourceLine: "### What is mental – «health»?", notes: ["one", "two"]),
                    phrase: "is mental", suggestion: "unwell"),
            Finding(.trust, Diagnostic(.note, "no sources")),
        ]
        let scores = ReadabilityScores(sentences: 31, words: 400, syllables: 600, polysyllables: 40, meanSentenceLength: 12.9,
                                       fleschReadingEase: 49.8, fleschKincaidGrade: 9.53, smog: 12.3,
                                       sentenceSpans: [.init(start: 0, end: 80, words: 14), .init(start: 81, end: 300, words: 41)])
        let readability = ReadabilityCheck.Outcome(scores: scores, longSentences: [.init(line: 14, column: 1, words: 41)],
                                                   findings: [findings[0]])
        let words = ArticleWords(display: .init(url: "a/", title: "Peer support", summary: "What peers do", topics: [],
                                                headings: []), body: "Peer workers share lived experience. Peer support helps.")
        return DocumentCache.Entry(findings: findings, readability: readability, words: words.counted)
    }

    @Test func anEntryComesBackAsItWasStored() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("cache").path
        let entry = sampleEntry()
        let key = Fingerprint(high: 1, low: 2)
        let writing = DocumentCache(file: file, inputs: inputs)
        writing.store(entry, for: key)
        writing.store(DocumentCache.Entry(findings: [], readability: .init(scores: nil, longSentences: [], findings: []), words: nil),
                      for: Fingerprint(high: 3, low: 4))
        writing.save()

        let reading = DocumentCache(file: file, inputs: inputs)
        let back = try #require(reading.entry(for: key))
        #expect(back.findings == entry.findings)
        #expect(back.readability?.scores == entry.readability?.scores)
        #expect(back.readability?.longSentences == entry.readability?.longSentences)
        #expect(back.readability?.findings == entry.readability?.findings)
        #expect(back.words == entry.words)
        let empty = try #require(reading.entry(for: Fingerprint(high: 3, low: 4)))
        #expect(empty.readability?.scores == nil && empty.words == nil)
        #expect(reading.entry(for: Fingerprint(high: 5, low: 6)) == nil)
    }

    @Test func aCacheForOtherInputsOrDamagedIsEmpty() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("cache").path
        let key = Fingerprint(high: 1, low: 2)
        let writing = DocumentCache(file: file, inputs: inputs)
        writing.store(sampleEntry(), for: key)
        writing.save()
        #expect(DocumentCache(file: file, inputs: Fingerprint(high: 7, low: 12)).entry(for: key) == nil)
        let whole = try Data(contentsOf: URL(fileURLWithPath: file))
        for cut in [1, whole.count / 3, whole.count - 1] {
            try whole.prefix(cut).write(to: URL(fileURLWithPath: file))
            #expect(DocumentCache(file: file, inputs: inputs).entry(for: key) == nil, "cut at \(cut)")
        }
    }

    @Test func onlyThisBuildsDocumentsAreKept() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("cache").path
        let first = DocumentCache(file: file, inputs: inputs)
        first.store(sampleEntry(), for: Fingerprint(high: 1, low: 1))
        first.store(sampleEntry(), for: Fingerprint(high: 2, low: 2))
        first.save()
        let second = DocumentCache(file: file, inputs: inputs)
        #expect(second.entry(for: Fingerprint(high: 1, low: 1)) != nil)
        second.save()
        let third = DocumentCache(file: file, inputs: inputs)
        #expect(third.entry(for: Fingerprint(high: 1, low: 1)) != nil)
        #expect(third.entry(for: Fingerprint(high: 2, low: 2)) == nil)
    }

    /// A doctored entry for an unchanged article shows through: its checks were not run again.
    @Test func aBuildTakesAnUnchangedArticlesChecksFromTheCache() throws {
        let folder = try TemporaryFolder()
        let cacheFile = folder.url.appendingPathComponent(".Public.cache").path
        let site = CheckFixtures.site.with(SiteFixture.article("second", body: "The paper called him a suicide victim. That hurt."))
        var options = BuildOptions(today: Day(iso: "2026-11-26")!)
        options.jobs = 2
        let uncached = try SiteBuilder(options: options).build(site.siteFiles, into: MemoryOutput())
        #expect(uncached.warnings.contains { $0.location?.path == "Content/articles/second.md" })

        let loaded = try ContentLoader.load(site.siteFiles, jobs: 1).get()
        let article = try #require(loaded.articles.first { $0.path == "Content/articles/second.md" })
        let doctored = DocumentCache(file: cacheFile, inputs: DocumentCache.inputs(loaded, today: options.today, reportsInfo: false))
        doctored.store(.init(findings: [], readability: nil, words: nil), for: DocumentCache.key(kind: .article, path: article.path, text: article.text))
        doctored.save()
        options.cacheFile = cacheFile
        let cached = try SiteBuilder(options: options).build(site.siteFiles, into: MemoryOutput())
        #expect(!cached.warnings.contains { $0.location?.path == "Content/articles/second.md" })
    }

    /// A build from the cache writes the same files and reports the same findings as one
    /// without, and an edited article is checked again.
    @Test func aCachedBuildIsTheSameAsAFreshOne() throws {
        let folder = try TemporaryFolder()
        let cacheFile = folder.url.appendingPathComponent(".Public.cache").path
        let site = CheckFixtures.site
            .with(SiteFixture.article("first", body: "People with lived experience of psychosis can recover. Peer workers help."))
            .with(SiteFixture.article("second", body: "The paper called him a suicide victim. That hurt."))
        func build(_ fixture: SiteFixture, cached: Bool) throws -> (files: [String: Data], warnings: [Diagnostic]) {
            var options = BuildOptions(today: Day(iso: "2026-11-26")!)
            options.jobs = 2
            options.cacheFile = cached ? cacheFile : nil
            let output = MemoryOutput()
            let report = try SiteBuilder(options: options).build(fixture.siteFiles, into: output)
            return (output.files, report.warnings)
        }
        let fresh = try build(site, cached: false)
        #expect(!fresh.warnings.isEmpty)
        for _ in 0..<2 {
            let cached = try build(site, cached: true)
            #expect(cached.files == fresh.files)
            #expect(cached.warnings == fresh.warnings)
        }
        #expect(FileManager.default.fileExists(atPath: cacheFile))
        let edited = site.with(SiteFixture.article("first", body: "Nobody is just a suicide victim. Peer workers help."))
        let recheck = try build(edited, cached: true)
        let expected = try build(edited, cached: false)
        #expect(recheck.files == expected.files)
        #expect(recheck.warnings == expected.warnings)
        #expect(recheck.warnings.filter { $0.location?.path == "Content/articles/first.md" }.count
            > fresh.warnings.filter { $0.location?.path == "Content/articles/first.md" }.count)
    }
}
