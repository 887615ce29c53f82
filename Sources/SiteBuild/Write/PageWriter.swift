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
    }

    /// A unit of work: a page from the view model, or a document still to be rendered.
    private enum Job: Sendable {
        case page(Output)
        case markdown(SourceDocument)
    }

    func writeAll(_ documents: [SourceDocument], bodies: BodyRenderer, to sink: some OutputSink, jobs jobCount: Int) throws -> Written {
        let viewModel = ViewModel(graph: graph)
        // Shared partials rendered once per depth: nearly every page is at depth 1.
        let byDepth = Dictionary(uniqueKeysWithValues: (0...2).map { ($0, templates.prerendered(with: viewModel.sharedContext(depth: $0))) })
        let notFoundTemplates = templates.prerendered(with: viewModel.sharedContext(depth: nil))
        let navigationTargets = Set(viewModel.navigationTargets.map(\.filePath))
        // The biggest pages (the A–Z, topic lists) first, so no core is left rendering one
        // alone at the end.
        let outputs: [Output] = [.topicsIndex] + graph.content.config.topics.map { .topic($0) } + [.home, .notFound]
            + (templates.has("search") ? [.search] : [])
            + graph.content.aliases.map { .redirect(from: $0.from, to: $0.to) }
        // Documents are rendered from Markdown inside the same pass.
        let jobs: [Job] = outputs.map { .page($0) } + documents.map { .markdown($0) }
        let pages = ParallelMap.map(jobs, jobs: jobCount) { job -> (problem: Diagnostic?, links: BodyRenderer.LinkCheck?, words: ArticleWords?) in
            var body: BodyRenderer.Outcome?
            let output: Output
            switch job {
            case let .page(page): output = page
            case let .markdown(document):
                let outcome = bodies.render(document)
                body = outcome
                output = .document(outcome.rendered)
            }
            let (path, template, context) = page(for: output, viewModel: viewModel)
            let variant = output.isServedAtAnyURL ? notFoundTemplates
                : navigationTargets.contains(path) ? templates : (byDepth[SitePath(path).depth] ?? templates)
            let words = body.flatMap { Self.searchWords($0.rendered) }
            guard let html = variant.render(template, context) else {
                return (.error("template '\(template)' is missing", at: SourceLocation(path: "Templates/\(template).mustache")), body?.links, words)
            }
            return (write(Data(html.utf8), at: path, to: sink), body?.links, words)
        }
        let feeds = SiteFeeds(graph: graph)
        var files: [(String, Data)] = [("sitemap.xml", Data(feeds.sitemap().utf8)), ("feed.xml", Data(feeds.atomFeed().utf8)),
                                       ("robots.txt", Data(feeds.robots().utf8))]
        files += assets.files.map { ("assets/" + $0.name, $0.data) }
        let diagnostics = pages.compactMap(\.problem) + files.compactMap { write($0.1, at: $0.0, to: sink) }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return Written(files: pages.count + files.count, links: pages.compactMap(\.links), searchWords: pages.compactMap(\.words))
    }

    /// An article's words for search: title, summary, topics, section headings and text.
    private static func searchWords(_ rendered: RenderedDocument) -> ArticleWords? {
        let document = rendered.document
        guard document.kind == .article else { return nil }
        let headings = rendered.body.headings.filter { $0.level <= 3 }.map { (text: $0.text, id: $0.id) }
        return ArticleWords(display: .init(url: document.sitePath.value, title: document.frontMatter.title,
                                           summary: document.frontMatter.summary,
                                           topics: document.frontMatter.topics.map(\.value), headings: headings),
                            body: rendered.body.plainText)
    }

    private func page(for output: Output, viewModel: ViewModel) -> (path: String, template: String, context: [String: Any]) {
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

    /// Writes one file; the problem, if it could not be written.
    private func write(_ data: Data, at path: String, to sink: some OutputSink) -> Diagnostic? {
        do {
            try sink.write(path, data)
            return nil
        } catch {
            return .error("could not write \(path): \(error.localizedDescription)")
        }
    }
}
