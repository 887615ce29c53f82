import Foundation
import Logging
import CommonMark
import SearchIndex
import SiteModel

/// What to build and how.
public struct BuildOptions: Sendable {
    /// `https://example.org/hub/`; nil keeps `site.yml`'s `base_url`.
    public var baseURL: String?
    public var includeDrafts = false
    public var includeFuture = false
    /// Warnings fail the build.
    public var strict = false
    /// The date the build treats as today: dates are inputs, only the CLI reads the clock.
    public var today: Day
    /// Threads for parsing and rendering.
    public var jobs = ParallelMap.defaultJobs
    /// Where to keep each document's check results and search words for the next build
    /// (`hub build` keeps `.Public.cache` beside the output); nil keeps nothing.
    public var cacheFile: String?

    public init(today: Day) {
        self.today = today
    }
}

/// What a successful build did, for the one-line summary.
public struct BuildReport: Sendable {
    public let articles: Int
    public let pages: Int
    public let topics: Int
    public let files: Int
    /// Warnings that did not fail the build (all of them fail it under `--strict`).
    public let warnings: [Diagnostic]
    /// What the content checks found. A build shows no info, so it skips the language terms
    /// that could only be info (`hub check` reports everything).
    public let checks: CheckReport
}

/// The build, top to bottom: each stage takes the previous stage's product, and a stage
/// that finds problems reports all of them and stops the build before anything is written.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    private let logger: Logger

    public init(options: BuildOptions, logger: Logger = Logger(label: "hub.build")) {
        self.options = options
        self.logger = logger
    }

    /// Builds `files` into `output`. Throws `BuildFailure` with every problem of the first
    /// stage that had any, or with every content-check error (and warning, under
    /// `--strict`) together with the other warnings.
    public func build(_ files: consuming SiteFiles, into output: some OutputSink) throws -> BuildReport {
        let report = try run(files, into: output, reportsInfo: false)
        let failing = report.checks.failing(strict: options.strict)
        guard failing.isEmpty else {
            throw BuildFailure(failing.map(\.diagnostic) + (options.strict ? [] : report.warnings))
        }
        return report
    }

    /// Runs every check, rendering every page without writing any (`hub check`, and the
    /// preview's overlay and register). A stage that stops the build (a front-matter error)
    /// is reported as findings of the rule `build`.
    public func check(_ files: consuming SiteFiles) -> CheckReport {
        do {
            return try run(files, into: DiscardingOutput(), reportsInfo: true).checks
        } catch let failure as BuildFailure {
            return CheckReport(today: options.today, siteTitle: "", findings: failure.diagnostics.map { Finding(.build, $0) }, documents: [])
        } catch {
            return CheckReport(today: options.today, siteTitle: "", findings: [Finding(.build, .error("\(error)"))], documents: [])
        }
    }

    private func run(_ files: consuming SiteFiles, into output: some OutputSink, reportsInfo: Bool) throws -> BuildReport {
        let clock = StageClock(logger: logger)
        let loaded = try clock.run("Loaded files") { try ContentLoader.load(files, jobs: options.jobs).get() }
        // The files' bytes are text now: dropped here unless the caller keeps them (the
        // preview does), instead of staying beside their copies for the whole build.
        _ = consume files
        do {
            let report = try build(loaded, into: output, clock: clock, reportsInfo: reportsInfo)
            BackgroundRelease.release(consume loaded)
            return report
        } catch let failure as BuildFailure {
            throw BuildFailure(failure.diagnostics.map { $0.quotingSource(from: loaded) })
        }
    }

    private func build(_ loaded: LoadedSite, into output: some OutputSink, clock: StageClock, reportsInfo: Bool) throws -> BuildReport {
        let setup = try clock.run("Read configuration and templates") { try SiteSetup.read(loaded, baseURL: options.baseURL).get() }
        let guide = try loaded.languageGuide.map { try LanguageGuide.read($0).get() } ?? .empty
        let documents = try clock.run("Parsed front matter") { try parseDocuments(loaded) }
        let content = try clock.run("Selected content") {
            try ContentResolver.resolve(config: setup.config, contacts: setup.contacts, documents: documents,
                                        selection: .init(includeDrafts: options.includeDrafts,
                                                         includeFuture: options.includeFuture, today: options.today)).get()
        }
        let checks = ContentChecks(content: content, guide: guide, today: options.today, reportsInfo: reportsInfo)
        let cache = DocumentCache(file: options.cacheFile, inputs: DocumentCache.inputs(loaded, today: options.today, reportsInfo: reportsInfo))
        let graph = try clock.run("Related articles and topic lists") { SiteGraph(content: content, jobs: options.jobs) }
        let bodies = BodyRenderer(content: content)
        let scanner = LinkScanningSink(output)
        // Markdown, content checks and pages in one parallel pass, each document parsed
        // once; links between documents are checked after it. Nothing reaches Public/
        // unless every check passes.
        let written = try clock.run("Rendered and checked Markdown, and pages") {
            try PageWriter(graph: graph, templates: setup.templates, assets: setup.assets, today: options.today)
                .writeAll(content.documents, bodies: bodies, checks: checks, cache: cache, to: scanner, jobs: options.jobs)
        }
        // Saved now, so its memory is free before the search index needs the most.
        cache.save()
        BackgroundRelease.release(consume cache)
        let outcomes = written.checks
        // The search index is built and written beside the link check: pages link only to
        // the search client's files, which are known before the index is.
        let search = SearchOutput(synonyms: setup.synonyms, topics: content.config.topics, jobs: options.jobs)
        let searchWords = written.searchWords
        let index = BackgroundWork {
            try clock.run("Built and wrote search index") { try SearchOutput.write(search.files(searchWords, keptIn: output), to: output) }
        }
        // Nothing may write to the output once this returns, a failed build included.
        defer { _ = try? index.value() }
        let clientPaths = try SearchOutput.clientFiles().map(\.path)
        let linkFindings = try clock.run("Checked links") { () -> [Finding] in
            let markdown = bodies.problems(in: written.links).map { Finding(.links, $0) }
            var (paths, pages) = scanner.scanned
            paths.formUnion(clientPaths)
            let byPage = Dictionary(uniqueKeysWithValues: written.links.compactMap { check -> (String, (document: SourceDocument, links: [MarkdownLink]))? in
                content.documentsByPath[check.path].map { ($0.sitePath.filePath, ($0, check.markdownLinks)) }
            })
            let generated = GeneratedLinkCheck(content: content, templates: loaded.templates, markdownLinks: byPage,
                                               dataFiles: [loaded.siteConfig, loaded.crisisContacts])
                .findings(paths: paths, pages: pages, jobs: options.jobs)
            return markdown + generated + checks.siteFindings(contactsFile: loaded.crisisContacts, pages: pages)
        }
        // The findings are sorted while the search index may still be building.
        let report = checks.report(outcomes: outcomes, otherFindings: linkFindings)
        let searchFiles = try clock.run("Finished search index") { try index.value() }
        let built = BuildReport(articles: content.articles.count, pages: content.pages.count, topics: content.config.topics.count,
                                files: written.files + searchFiles, warnings: report.findings.filter { $0.severity == .warning }.map(\.diagnostic),
                                checks: report)
        BackgroundRelease.release((consume documents, consume content, consume checks, consume graph, consume written, consume scanner, consume bodies))
        return built
    }

    /// Every article and page, in parallel; fails with the problems of all of them.
    private func parseDocuments(_ loaded: LoadedSite) throws -> [SourceDocument] {
        let inputs = loaded.articles.map { ($0, DocumentKind.article) } + loaded.pages.map { ($0, DocumentKind.page) }
        let results = ParallelMap.map(inputs, jobs: options.jobs) { FrontMatterParser.parse($0.0, kind: $0.1) }
        var documents: [SourceDocument] = []
        var diagnostics: [Diagnostic] = []
        for result in results {
            switch result {
            case let .success(document): documents.append(document)
            case let .failure(failure): diagnostics += failure.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return documents
    }
}

/// Times each stage and logs it (`HUB_LOG=debug`): `Parsed front matter (38 ms)`.
struct StageClock: Sendable {
    let logger: Logger

    func run<T>(_ name: String, _ work: () throws -> T) throws -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { logger.debug("\(name) (\((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) ms)") }
        return try work()
    }
}
