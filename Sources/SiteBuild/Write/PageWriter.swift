import Foundation
import SearchIndex
import SiteModel

/// Renders every output file through the templates and hands it to the sink: pages in
/// parallel, each article's Markdown rendered just before its page (so no body waits in
/// memory for all the others), then feeds and assets.
struct PageWriter: Sendable {
    let graph: SiteGraph
    let templates: TemplateSet
    let assets: AssetManifest
    let today: Day

    /// One file the build writes.
    enum Output: Sendable {
        case document(RenderedDocument)
        case home
        case topic(Topic)
        case topicsIndex
        case notFound
        case search
        case redirect(from: SitePath, to: SitePath)

        /// The 404 page is served at whatever URL was missing, so its links cannot be
        /// relative to where it is stored.
        var isServedAtAnyURL: Bool {
            if case .notFound = self { return true }
            return false
        }
    }

    struct Written: Sendable {
        let files: Int
        /// What each body left for the cross-document link check.
        let links: [BodyRenderer.LinkCheck]
        /// Each article's words for the search index, counted while its text was at hand.
        let searchWords: [ArticleWords]
        /// Each document's content checks, when asked for: run on the parse that rendered it.
        let checks: [ContentChecks.DocumentOutcome]
    }

    /// A unit of work: a page from the view model, or a document still to be rendered.
    private enum Job: Sendable {
        case page(Output)
        case markdown(SourceDocument)
    }

    /// Every page but the documents': the biggest (the A–Z, topic lists) first, so no core
    /// is left rendering one alone at the end.
    var listingOutputs: [Output] {
        [.topicsIndex] + graph.content.config.topics.map { .topic($0) } + [.home, .notFound]
            + (templates.has("search") ? [.search] : [])
            + graph.content.aliases.map { .redirect(from: $0.from, to: $0.to) }
    }

    /// Writes every page, and runs `checks` on each document from the same parse of its
    /// Markdown as its page (a second parse for the checks alone cost 3 % of a build).
    /// Each document's check results and search words come from `cache` when its text is
    /// as it was in the last build.
    func writeAll(_ documents: [SourceDocument], bodies: BodyRenderer, checks: ContentChecks? = nil, cache: DocumentCache? = nil,
                  to sink: some OutputSink, jobs jobCount: Int) throws -> Written {
        let renderer = PageRenderer(graph: graph, templates: templates, today: today)
        // Documents are rendered from Markdown inside the same pass.
        let jobs: [Job] = listingOutputs.map { .page($0) } + documents.map { .markdown($0) }
        typealias PageResult = (problem: Diagnostic?, links: BodyRenderer.LinkCheck?, words: ArticleWords?,
                                checked: ContentChecks.DocumentOutcome?)
        let pages = ParallelMap.map(jobs, jobs: jobCount) { job -> PageResult in
            switch job {
            case let .page(page): return (renderer.write(page, to: sink), nil, nil, nil)
            case let .markdown(document):
                let (body, checked, words) = Self.render(document, bodies: bodies, checks: checks, cache: cache)
                return (renderer.write(.document(body.rendered), to: sink), body.links, words, checked)
            }
        }
        let files = extraFiles()
        let diagnostics = pages.compactMap(\.problem) + files.compactMap { Self.write($0.1, at: $0.0, to: sink) }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return Written(files: pages.count + files.count, links: pages.compactMap(\.links), searchWords: pages.compactMap(\.words),
                       checks: pages.compactMap(\.checked))
    }

    /// One document's body, its checks' findings and its search words: the findings and
    /// words from `cache` when the document's text is as it was in the last build (the body
    /// is rendered either way: it depends on other documents' links too).
    private static func render(_ document: SourceDocument, bodies: BodyRenderer, checks: ContentChecks?,
                               cache: DocumentCache?) -> (BodyRenderer.Outcome, ContentChecks.DocumentOutcome?, ArticleWords?) {
        let key = checks == nil || cache == nil ? nil : DocumentCache.key(for: document)
        let cached = key.flatMap { cache?.entry(for: $0) }
        let body = bodies.render(document, withProse: checks != nil && cached == nil)
        let checked = cached.map { .init(document: document, findings: $0.findings, readability: $0.readability) }
            ?? checks?.check(document, prose: ProseUnits(document: document, blocks: body.rendered.body.prose))
        let words = searchWords(body.rendered, counted: cached?.words)
        if cached == nil, let key, let checked {
            cache?.store(.init(findings: checked.findings, readability: checked.readability, words: words?.counted), for: key)
        }
        return (body, checked, words)
    }

    /// An article's words for search: title, summary, topics, section headings and text;
    /// counted again unless `counted` has them from an earlier build of the same text.
    static func searchWords(_ rendered: RenderedDocument, counted: ArticleWords.Counted? = nil) -> ArticleWords? {
        let document = rendered.document
        guard document.kind == .article else { return nil }
        let headings = rendered.body.headings.filter { $0.level <= 3 }.map { (text: $0.text, id: $0.id) }
        let display = ArticleWords.Display(url: document.sitePath.value, title: document.frontMatter.title,
                                           summary: document.frontMatter.summary,
                                           topics: document.frontMatter.topics.map(\.value), headings: headings)
        return counted.map { ArticleWords(display: display, counted: $0) } ?? ArticleWords(display: display, body: rendered.body.plainText)
    }

    /// The files not rendered through templates: feeds, robots.txt, `_headers`, the assets and media.
    func extraFiles(feeds includeFeeds: Bool = true, assets includeAssets: Bool = true) -> [(String, Data)] {
        var files: [(String, Data)] = []
        if includeFeeds {
            let feeds = SiteFeeds(graph: graph)
            files += [("sitemap.xml", Data(feeds.sitemap().utf8)), ("feed.xml", Data(feeds.atomFeed().utf8)),
                      ("robots.txt", Data(feeds.robots().utf8)),
                      (SecurityHeaders.fileName, Data(SecurityHeaders.headersFile.utf8))]
        }
        if includeAssets { files += assets.files.map { ($0.path, $0.data) } }
        return files
    }

    /// Writes one file; the problem, if it could not be written.
    static func write(_ data: Data, at path: String, to sink: some OutputSink, madeFrom fingerprint: Fingerprint? = nil) -> Diagnostic? {
        do {
            try sink.write(path, data, madeFrom: fingerprint)
            return nil
        } catch {
            return .error("could not write \(path): \(error.localizedDescription)")
        }
    }
}

/// Renders one page at a time: the view model and the per-depth template variants are
/// prepared once per build (or once per rebuild in the preview) and shared by all pages.
struct PageRenderer: Sendable {
    private(set) var viewModel: ViewModel
    let templates: TemplateSet
    let today: Day
    private let byDepth: [Int: TemplateSet]
    private let notFoundTemplates: TemplateSet
    private let navigationTargets: Set<String>

    init(graph: SiteGraph, templates: TemplateSet, today: Day) {
        let viewModel = ViewModel(graph: graph)
        self.viewModel = viewModel
        self.templates = templates
        self.today = today
        // Shared partials rendered once per depth: nearly every page is at depth 1.
        byDepth = Dictionary(uniqueKeysWithValues: (0...2).map { ($0, templates.prerendered(with: viewModel.sharedContext(depth: $0))) })
        notFoundTemplates = templates.prerendered(with: viewModel.sharedContext(depth: nil))
        navigationTargets = Set(viewModel.navigationTargets.map(\.filePath))
    }

    /// This renderer for `graph`, keeping the shared partials already rendered: for a graph
    /// with this one's site configuration and topic counts, the only things they show.
    func with(graph: SiteGraph) -> PageRenderer {
        var renderer = self
        renderer.viewModel = ViewModel(graph: graph)
        return renderer
    }

    /// The shared partials as rendered for every depth: equal fingerprints mean no page
    /// needs rendering again for the sake of its shared parts.
    var sharedFingerprint: String {
        ([0, 1, 2] as [Int?] + [nil]).map { templates.sharedOutput(with: viewModel.sharedContext(depth: $0)) }.joined(separator: "\u{1}")
    }

    /// Renders the page and hands it to `sink`, unless the sink still has it as made from
    /// the same view model and templates. The problem, if the page could not be made.
    func write(_ output: PageWriter.Output, to sink: some OutputSink) -> Diagnostic? {
        let (path, template, context) = page(for: output)
        let fingerprint = !sink.keepsPages ? nil : ViewFingerprint.of(context).map { view in
            Fingerprint { hasher in
                hasher.combine(templates.fingerprint)
                hasher.combine(template)
                hasher.combine(path)
                hasher.combine(view)
            }
        }
        if let fingerprint, sink.reuse(path, madeFrom: fingerprint) != nil { return nil }
        switch render(output, path: path, template: template, context: context) {
        case let .success(page): return PageWriter.write(page.data, at: page.path, to: sink, madeFrom: fingerprint)
        case let .failure(problem): return problem
        }
    }

    /// The page's path and bytes, or why its template could not render it.
    func render(_ output: PageWriter.Output) -> Result<(path: String, data: Data), Diagnostic> {
        let (path, template, context) = page(for: output)
        return render(output, path: path, template: template, context: context)
    }

    private func render(_ output: PageWriter.Output, path: String, template: String,
                        context: [String: Any]) -> Result<(path: String, data: Data), Diagnostic> {
        let variant = output.isServedAtAnyURL ? notFoundTemplates
            : navigationTargets.contains(path) ? templates : (byDepth[SitePath(path).depth] ?? templates)
        guard let html = variant.render(template, context) else {
            return .failure(.error("template '\(template)' is missing", at: SourceLocation(path: "Templates/\(template).mustache")))
        }
        return .success((path, Data(html.utf8)))
    }

    private func page(for output: PageWriter.Output) -> (path: String, template: String, context: [String: Any]) {
        switch output {
        case let .document(rendered):
            let path = rendered.document.sitePath.filePath
            return rendered.document.kind == .article
                ? (path, "article", viewModel.article(rendered, today: today))
                : (path, "page", viewModel.contentPage(rendered))
        case .home: return (SitePath("").filePath, "home", viewModel.home())
        case let .topic(topic): return (topic.path.filePath, "topic", viewModel.topic(topic))
        case .topicsIndex: return (SitePath("topics/").filePath, "topics", viewModel.topicsIndex())
        case .notFound: return ("404.html", "404", viewModel.notFound())
        case .search: return (SitePath("search/").filePath, "search", viewModel.search())
        case let .redirect(from, to): return (from.filePath, "redirect", viewModel.redirect(from: from, to: to))
        }
    }
}
