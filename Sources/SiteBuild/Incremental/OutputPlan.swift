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
        case asset(String)
    }

    struct Entry: Sendable {
        let kind: Kind
        let inputs: Set<BuildInput>
    }

    /// By output path: `peer-support/index.html`, `feed.xml`, `assets/style.1a2b.css`.
    let entries: [String: Entry]

    /// `linkedPaths`: for each rendered document, the source paths its links name.
    /// `searchPage`: the theme has `search.mustache` (its no-JavaScript A–Z lists every document).
    init(graph: SiteGraph, assets: AssetManifest, linkedPaths: [String: [String]], searchPage: Bool, homeLatest: Int = 6) {
        let content = graph.content
        var entries: [String: Entry] = [:]
        func add(_ path: String, _ kind: Kind, _ documents: some Sequence<SourceDocument>, extra: [BuildInput] = []) {
            var inputs = Set(documents.lazy.map { BuildInput.listing($0.path) })
            inputs.formUnion(extra)
            entries[path] = Entry(kind: kind, inputs: inputs)
        }
        for document in content.documents {
            var reads = [document]
            if document.kind == .article {
                let (previous, next) = graph.neighbours(of: document)
                reads += [previous, next].compactMap { $0 } + graph.related(to: document)
            }
            let links = (linkedPaths[document.path] ?? []).map { BuildInput.listing($0) }
            add(document.sitePath.filePath, .document(document.path), reads, extra: [.body(document.path)] + links)
        }
        add(SitePath("").filePath, .home, content.articles.prefix(homeLatest) + graph.recentlyReviewed.prefix(homeLatest),
            extra: [.documentSet])
        for topic in content.config.topics {
            add(topic.path.filePath, .topic(topic.slug), graph.articlesByTopic[topic.slug] ?? [], extra: [.documentSet])
        }
        add(SitePath("topics/").filePath, .topicsIndex, content.documents, extra: [.documentSet])
        add("404.html", .notFound, [])
        if searchPage { add(SitePath("search/").filePath, .search, content.documents, extra: [.documentSet]) }
        let byURL = Dictionary(content.documents.map { ($0.sitePath, $0) }, uniquingKeysWith: { first, _ in first })
        for alias in content.aliases {
            add(alias.from.filePath, .redirect(from: alias.from, to: alias.to), byURL[alias.to].map { [$0] } ?? [])
        }
        add("sitemap.xml", .sitemap, content.documents, extra: [.documentSet])
        add("feed.xml", .feed, content.articles.prefix(SiteFeeds.feedLimit), extra: [.documentSet])
        add("robots.txt", .robots, [])
        add(SecurityHeaders.fileName, .securityHeaders, [])
        for asset in assets.files { add("assets/" + asset.name, .asset(asset.name), []) }
        self.entries = entries
    }

    /// Records every entry's inputs in `graph`, forgetting outputs no longer planned.
    func record(in graph: inout DependencyGraph) {
        for output in Array(graph.outputs) where entries[output] == nil { graph.remove(output) }
        for (path, entry) in entries { graph.record(path, reads: entry.inputs) }
    }

    /// Outputs that are new in this plan, or whose inputs differ from what `graph` recorded.
    func changedOutputs(since graph: DependencyGraph) -> Set<String> {
        Set(entries.compactMap { path, entry in graph.inputs(of: path) == entry.inputs ? nil : path })
    }
}
