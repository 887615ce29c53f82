import SiteModel

/// Every file a build writes, what makes it, and which inputs it reads.
///
/// The inputs are taken from the same graph queries the view model makes for that page
/// (its neighbours, related articles, a topic's list, the newest articles), so what an
/// output is recorded as reading is what it showed. The search index is not planned here: it
/// reads every article, so the preview rebuilds it after each rebuild (`IncrementalBuild.searchFiles`).
struct OutputPlan: Sendable {
    /// How an output is made.
    enum Kind: Sendable, Equatable {
        case document(String)
        case home
        case topic(String)
        case topicsIndex
        case notFound
        case search
        case redirect(from: SitePath, to: SitePath)
        case sitemap
        case feed
        case robots
        case securityHeaders
        /// A theme asset or a media file, by output path.
        case asset(String)
    }

    struct Entry: Sendable {
        let kind: Kind
        let inputs: Set<BuildInput>
    }

    /// By output path: `peer-support/index.html`, `feed.xml`, `assets/style.1a2b.css`.
    private(set) var entries: [String: Entry] = [:]

    /// `linkedPaths`: for a rendered document, the source paths its links name.
    /// `searchPage`: the theme has `search.mustache` (its no-JavaScript A–Z lists every document).
    init(graph: SiteGraph, assets: AssetManifest, linkedPaths: (String) -> [String], searchPage: Bool) {
        let content = graph.content
        for document in content.documents { planPage(of: document, graph: graph, linkedPaths: linkedPaths) }
        planListings(graph, topics: content.config.topics, searchPage: searchPage)
        let byURL = Dictionary(content.documents.map { ($0.sitePath, $0) }, uniquingKeysWith: { first, _ in first })
        for alias in content.aliases {
            add(alias.from.filePath, .redirect(from: alias.from, to: alias.to), byURL[alias.to].map { [$0] } ?? [])
        }
        add("404.html", .notFound, [])
        add("robots.txt", .robots, [])
        add(SecurityHeaders.fileName, .securityHeaders, [])
        for file in assets.files { add(file.path, .asset(file.path), []) }
    }

    /// Plans the pages of `documents`, and the pages listing the documents at `listed`,
    /// again from `graph`, for an edit that changed no URL and nothing published
    /// (`SiteGraph.updated`); returns the outputs planned again.
    mutating func update(graph: SiteGraph, linkedPaths: (String) -> [String], documents: Set<String>,
                         listed: Set<String>) -> Set<String> {
        var planned: Set<String> = []
        for path in documents {
            guard let document = graph.content.documentsByPath[path] else { continue }
            planned.insert(planPage(of: document, graph: graph, linkedPaths: linkedPaths))
        }
        // A topic's page changes only if a listed document is in it now or was before.
        let inputs = listed.map { BuildInput.listing($0) }
        let topicsNow = Set(listed.flatMap { graph.content.documentsByPath[$0]?.frontMatter.topics.map(\.value) ?? [] })
        let topics = graph.content.config.topics.filter { topic in
            topicsNow.contains(topic.slug) || entries[topic.path.filePath].map { !$0.inputs.isDisjoint(with: inputs) } ?? true
        }
        planned.formUnion(planListings(graph, topics: topics, searchPage: entries[SitePath("search/").filePath] != nil))
        return planned
    }

    /// Records every entry's inputs in `graph` (only those at `paths`, if given), forgetting
    /// outputs no longer planned.
    func record(in graph: inout DependencyGraph, only paths: Set<String>? = nil) {
        guard let paths else {
            for output in Array(graph.outputs) where entries[output] == nil { graph.remove(output) }
            for (path, entry) in entries { graph.record(path, reads: entry.inputs) }
            return
        }
        for path in paths { if let entry = entries[path] { graph.record(path, reads: entry.inputs) } else { graph.remove(path) } }
    }

    /// Outputs (all, or those at `paths`) that are new in this plan, or whose inputs differ
    /// from what `graph` recorded.
    func changedOutputs(since graph: DependencyGraph, among paths: Set<String>? = nil) -> Set<String> {
        guard let paths else {
            return Set(entries.compactMap { path, entry in graph.inputs(of: path) == entry.inputs ? nil : path })
        }
        return paths.filter { entries[$0] != nil && graph.inputs(of: $0) != entries[$0]?.inputs }
    }

    /// A document's page reads the document, its neighbours, its related articles and the
    /// documents its links name.
    @discardableResult
    private mutating func planPage(of document: SourceDocument, graph: SiteGraph, linkedPaths: (String) -> [String]) -> String {
        var reads = [document]
        var extra: [BuildInput] = [.body(document.path)] + linkedPaths(document.path).map { BuildInput.listing($0) }
        if document.kind == .article {
            let (previous, next) = graph.neighbours(of: document)
            let related = graph.related(to: document)
            reads += [previous, next].compactMap { $0 } + related
            extra.append(.relatedArticles(related.map(\.path)))
        }
        let path = document.sitePath.filePath
        add(path, .document(document.path), reads, extra: extra)
        return path
    }

    /// The pages that list documents: home, the A–Z, search, the sitemap, the feed and
    /// `topics`' pages.
    @discardableResult
    private mutating func planListings(_ graph: SiteGraph, topics: [Topic], searchPage: Bool) -> [String] {
        let content = graph.content
        var paths = [SitePath("").filePath, SitePath("topics/").filePath, "sitemap.xml", "feed.xml"]
        add(paths[0], .home, content.articles.prefix(SiteGraph.homeLatest) + graph.recentlyReviewed.prefix(SiteGraph.homeLatest),
            extra: [.documentSet])
        add(paths[1], .topicsIndex, [], extra: [.documentSet, .everyListing])
        add(paths[2], .sitemap, [], extra: [.documentSet, .everyListing])
        add(paths[3], .feed, content.articles.prefix(SiteFeeds.feedLimit), extra: [.documentSet])
        for topic in topics {
            add(topic.path.filePath, .topic(topic.slug), graph.articlesByTopic[topic.slug] ?? [], extra: [.documentSet])
            paths.append(topic.path.filePath)
        }
        if searchPage {
            add(SitePath("search/").filePath, .search, [], extra: [.documentSet, .everyListing])
            paths.append(SitePath("search/").filePath)
        }
        return paths
    }

    private mutating func add(_ path: String, _ kind: Kind, _ documents: some Sequence<SourceDocument>, extra: [BuildInput] = []) {
        var inputs = Set(documents.lazy.map { BuildInput.listing($0.path) })
        inputs.formUnion(extra)
        entries[path] = Entry(kind: kind, inputs: inputs)
    }
}

extension OutputPlan {
    /// No outputs: the plan before the first build.
    static let empty = OutputPlan()

    private init() {}
}
