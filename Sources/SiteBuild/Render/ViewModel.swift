import CommonMark
import Mustache
import SiteModel

/// What templates see (docs/templates.md): plain strings, booleans, lists and objects,
/// never the internal model, so the model can change without breaking a theme.
///
/// Every `url` is relative to the page being rendered. Parts that depend only on a page's
/// depth (navigation, topics, urgent help) are built once per depth and shared.
struct ViewModel: Sendable {
    typealias Context = [String: Any]

    let graph: SiteGraph
    private let shared: [Int: SharedParts]

    init(graph: SiteGraph) {
        self.graph = graph
        var shared: [Int: SharedParts] = [:]
        for depth in 0...3 { shared[depth] = SharedParts(depth: depth, content: graph.content, graph: graph) }
        self.shared = shared
    }

    // MARK: Page kinds

    func article(_ rendered: RenderedDocument, today: Day) -> Context {
        let document = rendered.document
        let matter = document.frontMatter
        let path = document.sitePath
        var article: Context = [
            "title": matter.title, "summary": matter.summary, "body": rendered.body.html,
            "word_count": rendered.body.wordCount,
            "reading_time": "\(Self.readingMinutes(rendered.body.wordCount)) minute read",
            "topics": topicLinks(matter.topics, from: path),
            "authors": matter.authors.map { ViewNode(values: ["name": $0.name, "role": $0.role]) },
            "reviewers": matter.reviewers.map {
                ViewNode(values: ["name": $0.name, "role": $0.role, "kind": $0.kind.rawValue, "kind_label": $0.kind.label])
            },
            "sources": matter.sources.map {
                ViewNode(values: ["title": $0.value.title, "publisher": $0.value.publisher, "url": $0.value.url,
                                  "accessed": Self.date($0.value.accessed)])
            },
            "nations": matter.nations.map { ViewNode(values: ["name": $0.name]) },
            "is_draft": matter.isDraft,
            "is_scheduled": (matter.published ?? today) > today,
        ]
        if let note = matter.contentNote { article["content_note"] = note }
        let toc = Self.tableOfContents(rendered.body.headings)
        article["toc"] = toc
        article["has_toc"] = rendered.body.headings.filter { $0.level == 2 || $0.level == 3 }.count >= 2
        for (key, day) in [("published", matter.published), ("updated", matter.updated),
                           ("last_reviewed", matter.lastReviewed?.value), ("next_review", matter.nextReview?.value)] {
            if let day { article[key] = Self.date(day) }
        }
        if let last = matter.lastReviewed?.value, let next = matter.nextReview?.value {
            article["review_line"] = "Page last reviewed: \(last.human) · Next review due: \(next.human)"
        }
        let (previous, next) = graph.neighbours(of: document)
        if let previous { article["previous"] = ViewNode(values: ["title": previous.frontMatter.title, "url": path.link(to: previous.sitePath)]) }
        if let next { article["next"] = ViewNode(values: ["title": next.frontMatter.title, "url": path.link(to: next.sitePath)]) }
        article["related"] = graph.related(to: document).map {
            ViewNode(values: ["title": $0.frontMatter.title, "url": path.link(to: $0.sitePath), "summary": $0.frontMatter.summary])
        }
        let firstTopic = matter.topics.first.flatMap { slug in graph.content.config.topics.first { $0.slug == slug.value } }
        let topicsWantExit = matter.topics.contains { slug in graph.content.config.topics.contains { $0.slug == slug.value && $0.quickExit } }
        var context = page(path, kind: "article", title: matter.title, description: matter.summary,
                           breadcrumbs: [("Home", SitePath(""))] + (firstTopic.map { [($0.title, $0.path)] } ?? []),
                           structuredData: StructuredData.article(matter, url: graph.content.config.absoluteURL(path), config: graph.content.config),
                           quickExit: matter.quickExit || topicsWantExit)
        context["article"] = ViewNode(values: article)
        return context
    }

    func contentPage(_ rendered: RenderedDocument) -> Context {
        let matter = rendered.document.frontMatter
        var body: Context = ["title": matter.title, "summary": matter.summary, "body": rendered.body.html,
                             "is_draft": matter.isDraft]
        for (key, day) in [("updated", matter.updated), ("last_reviewed", matter.lastReviewed?.value),
                           ("next_review", matter.nextReview?.value)] {
            if let day { body[key] = Self.date(day) }
        }
        var context = page(rendered.document.sitePath, kind: "page", title: matter.title, description: matter.summary,
                           breadcrumbs: [("Home", SitePath(""))], lastReviewed: matter.lastReviewed?.value)
        context["content_page"] = body
        return context
    }

    func home(latest: Int = SiteGraph.homeLatest) -> Context {
        let path = SitePath("")
        let config = graph.content.config
        var context = page(path, kind: "home", title: config.title, description: config.tagline, breadcrumbs: [])
        context["home"] = [
            "latest": graph.content.articles.prefix(latest).map { card($0, from: path) },
            "recently_reviewed": graph.recentlyReviewed.prefix(latest).map { card($0, from: path) },
        ]
        return context
    }

    func topic(_ topic: Topic) -> Context {
        let path = topic.path
        var context = page(path, kind: "topic", title: topic.title, description: topic.description,
                           breadcrumbs: [("Home", SitePath("")), ("Topics A to Z", SitePath("topics/"))], quickExit: topic.quickExit)
        context["topic"] = [
            "title": topic.title, "description": topic.description, "slug": topic.slug,
            "articles": (graph.articlesByTopic[topic.slug] ?? []).map { card($0, from: path) },
        ] as Context
        return context
    }

    func topicsIndex() -> Context {
        var context = page(SitePath("topics/"), kind: "topics", title: "Topics A to Z",
                           description: "Every topic, article and page on \(graph.content.config.title), from A to Z.",
                           breadcrumbs: [("Home", SitePath(""))])
        context["index"] = aToZ(from: SitePath("topics/"))
        return context
    }

    /// The search page: the client searches; without JavaScript it shows the A–Z.
    func search() -> Context {
        var context = page(SitePath("search/"), kind: "search", title: "Search",
                           description: "Search \(graph.content.config.title), or browse every topic and article from A to Z.",
                           breadcrumbs: [("Home", SitePath(""))])
        context["index"] = aToZ(from: SitePath("search/"))
        return context
    }

    /// Every topic, article and page by first letter, linked from the page at `path`.
    private func aToZ(from path: SitePath) -> Context {
        let content = graph.content
        typealias Entry = (title: String, url: String, summary: String, kind: String, key: String)
        func entry(_ title: String, _ target: SitePath, _ summary: String, _ kind: String) -> Entry {
            (title, path.link(to: target), summary, kind, title.lowercased())
        }
        var entries: [Entry] = []
        entries += content.config.topics.map { entry($0.title, $0.path, $0.description, "Topic") }
        entries += content.articles.map { entry($0.frontMatter.title, $0.sitePath, $0.frontMatter.summary, "Article") }
        entries += content.pages.map { entry($0.frontMatter.title, $0.sitePath, $0.frontMatter.summary, "Page") }
        let grouped = Dictionary(grouping: entries) { Self.indexLetter(for: $0.title) }
        let letters = grouped.keys.sorted { ($0 == "#" ? "~" : $0) < ($1 == "#" ? "~" : $1) }.map { letter -> Context in
            let sorted = grouped[letter, default: []].sorted { ($0.key, $0.kind, $0.url) < ($1.key, $1.kind, $1.url) }
            return ["letter": letter, "entries": sorted.map { ["title": $0.title, "url": $0.url, "summary": $0.summary, "kind": $0.kind] }]
        }
        return ["letters": letters]
    }

    /// The 404 page is served at any missing URL, so its links are absolute paths from the
    /// base URL rather than relative ones.
    func notFound() -> Context {
        page(SitePath("404.html"), kind: "not-found", title: "Page not found",
             description: "We could not find that page.", breadcrumbs: [], absoluteLinks: true)
    }

    func redirect(from alias: SitePath, to target: SitePath) -> Context {
        var context = page(alias, kind: "redirect", title: "This page has moved", description: "", breadcrumbs: [])
        context["redirect"] = ["url": alias.link(to: target), "canonical_url": graph.content.config.absoluteURL(target)]
        return context
    }

    // MARK: Shared parts

    /// The site-wide values of a page at `depth` (or of the 404 page, whose links are
    /// absolute), for rendering shared partials once.
    /// Pages whose navigation marks a current link, so their header is their own.
    var navigationTargets: Set<SitePath> { shared[0]?.navigationTargets ?? [] }

    func sharedContext(depth: Int?) -> Context {
        let parts = depth.map { shared[$0] ?? SharedParts(depth: $0, content: graph.content, graph: graph) }
            ?? SharedParts(absoluteFor: graph.content, graph: graph)
        return parts.context
    }

    /// The values every page has. Pages other than articles describe themselves as a
    /// schema.org `WebPage`.
    private func page(_ path: SitePath, kind: String, title: String, description: String,
                      breadcrumbs: [(String, SitePath)], absoluteLinks: Bool = false, structuredData: String? = nil,
                      lastReviewed: Day? = nil, quickExit: Bool = false) -> Context {
        let config = graph.content.config
        let parts = absoluteLinks ? SharedParts(absoluteFor: graph.content, graph: graph)
            : (shared[path.depth] ?? SharedParts(depth: path.depth, content: graph.content, graph: graph))
        var context = parts.context
        if parts.navigationTargets.contains(path) { context["navigation"] = parts.navigation(currentPath: path) }
        context["page"] = [
            "title": title, "description": description, "url": absoluteLinks ? parts.root : path.link(to: path),
            "canonical_url": config.absoluteURL(path), "kind": kind, "is_home": kind == "home",
            "breadcrumbs": breadcrumbs.map { ["title": $0.0, "url": parts.link($0.1)] },
            "quick_exit": quickExit,
            // Given, not worked out in the template: a section per page costs more than a value.
            "og_type": kind == "article" ? "article" : "website",
            "structured_data": structuredData
                ?? StructuredData.webPage(title: title, description: description, url: config.absoluteURL(path),
                                          lastReviewed: lastReviewed, config: config),
        ] as Context
        return context
    }

    private func card(_ article: SourceDocument, from path: SitePath) -> Context {
        let matter = article.frontMatter
        var card: Context = ["title": matter.title, "url": path.link(to: article.sitePath), "summary": matter.summary,
                             "topics": topicLinks(matter.topics, from: path)]
        if let published = matter.published { card["published"] = Self.date(published) }
        if let reviewed = matter.lastReviewed?.value { card["last_reviewed"] = Self.date(reviewed) }
        return card
    }

    private func topicLinks(_ slugs: [Located<String>], from path: SitePath) -> [ViewNode] {
        slugs.compactMap { slug in
            graph.content.config.topics.first { $0.slug == slug.value }.map { ViewNode(values: ["title": $0.title, "url": path.link(to: $0.path)]) }
        }
    }

    // MARK: Formatting

    static func date(_ day: Day) -> ViewNode { ViewNode(values: ["iso": day.iso, "human": day.human]) }

    /// At 200 words a minute, a common figure for adult silent reading of plain text.
    static func readingMinutes(_ words: Int) -> Int { max(1, (words + 199) / 200) }

    /// h2 entries with their h3 children; an h3 before any h2 stands alone.
    static func tableOfContents(_ headings: [Heading]) -> [ViewNode] {
        var entries: [(heading: Heading, children: [Heading])] = []
        for heading in headings where heading.level == 2 || heading.level == 3 {
            if heading.level == 3, !entries.isEmpty, entries[entries.count - 1].heading.level == 2 {
                entries[entries.count - 1].children.append(heading)
            } else {
                entries.append((heading, []))
            }
        }
        return entries.map { entry in
            ViewNode(values: ["title": entry.heading.text, "id": entry.heading.id,
                              "children": entry.children.map { ViewNode(values: ["title": $0.text, "id": $0.id]) }])
        }
    }

    /// "A"…"Z" for titles starting with a letter (accents folded), "#" otherwise.
    static func indexLetter(for title: String) -> String {
        // Only the first letter is folded: folding 10,000 whole titles for the A–Z costs
        // more than sorting them.
        guard let first = title.first(where: { !$0.isWhitespace }) else { return "#" }
        let folded = first.isASCII ? first.lowercased()
            : String(first).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        guard let letter = folded.unicodeScalars.first, ("a"..."z").contains(letter) else { return "#" }
        return String(letter).uppercased()
    }
}
