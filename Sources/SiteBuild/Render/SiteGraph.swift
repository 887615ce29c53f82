import CommonMark
import SiteModel

/// The relations between published documents that pages show: topic lists, neighbours,
/// related articles, the newest and most recently reviewed. Computed once per build, and
/// patched by the preview after an edit that moves no article (`updated`).
struct SiteGraph: Sendable {
    let content: SiteContent
    private let lists: TopicLists
    /// The `homeLatest` most recently reviewed articles, most recent first.
    let recentlyReviewed: [SourceDocument]
    private let finder: RelatedArticles
    /// Up to `relatedLimit` related articles' source paths, by source path.
    private let relatedByPath: [String: [String]]
    static let relatedLimit = 3
    /// How many of the newest and of the most recently reviewed articles the home page lists.
    static let homeLatest = 6

    /// `previous`: the graph before an edit (the preview), whose per-article work is reused
    /// for articles that did not change.
    init(content: SiteContent, jobs: Int = ParallelMap.defaultJobs, previous: SiteGraph? = nil) {
        let lists = TopicLists(articles: content.articles)
        let finder = RelatedArticles(content: content, jobs: jobs, reusing: previous?.finder.reusableTerms ?? .init())
        let documents = content.documents
        let related = ParallelMap.map(documents, jobs: jobs) { finder.related(to: $0, limit: Self.relatedLimit, lists: lists).map(\.path) }
        self.init(content: content, lists: lists, finder: finder,
                  relatedByPath: Dictionary(zip(documents.map(\.path), related), uniquingKeysWith: { first, _ in first }))
    }

    private init(content: SiteContent, lists: TopicLists, finder: RelatedArticles, relatedByPath: [String: [String]]) {
        self.content = content
        self.lists = lists
        self.finder = finder
        self.relatedByPath = relatedByPath
        // Articles are already newest first, which stays the order between equal review dates.
        let reviewed = content.articles.map { -($0.frontMatter.lastReviewed?.value ?? Day.distantPast).daysSinceEpoch }
        recentlyReviewed = content.articles.indices.largest(Self.homeLatest) { (reviewed[$0], $0) < (reviewed[$1], $1) }
            .map { content.articles[$0] }
    }

    /// The graph for `content`, in which only the documents at `changed` differ from this
    /// graph's, each still published with the same slug and date; nil for any other edit.
    /// Also returns the documents whose neighbours or related articles were worked out
    /// again (the rest are as they were). What it returns equals a new graph's.
    func updated(content next: SiteContent, changed: Set<String>, jobs: Int) -> (graph: SiteGraph, affected: Set<String>)? {
        guard next.articles.count == content.articles.count, next.pages.count == content.pages.count else { return nil }
        var old: [SourceDocument] = [], new: [SourceDocument] = []
        for path in changed.sorted() {
            switch (content.documentsByPath[path], next.documentsByPath[path]) {
            case (nil, nil): continue
            case let (before?, after?) where before.kind == after.kind:
                if after.kind == .article { old.append(before); new.append(after) }
            default: return nil
            }
        }
        guard let (finder, similar) = finder.updated(new) else { return nil }
        let (lists, near) = lists.updated(replacing: old, with: new, reach: RelatedArticles.reach(limit: Self.relatedLimit))
        let targets = similar.union(near).union(changed).sorted().compactMap { next.documentsByPath[$0] }
        let related = ParallelMap.map(targets, jobs: jobs) { finder.related(to: $0, limit: Self.relatedLimit, lists: lists).map(\.path) }
        var relatedByPath = self.relatedByPath
        for (document, paths) in zip(targets, related) { relatedByPath[document.path] = paths }
        return (SiteGraph(content: next, lists: lists, finder: finder, relatedByPath: relatedByPath), Set(targets.map(\.path)))
    }

    /// Each topic's articles, by weight then title.
    var articlesByTopic: [String: [SourceDocument]] { lists.byTopic }

    /// The article before and after `article` in its first topic.
    func neighbours(of article: SourceDocument) -> (previous: SourceDocument?, next: SourceDocument?) {
        lists.neighbours(of: article)
    }

    /// Up to three related articles (`RelatedArticles` says how they are chosen).
    func related(to document: SourceDocument) -> [SourceDocument] {
        (relatedByPath[document.path] ?? []).compactMap { content.documentsByPath[$0] }
    }

    /// Sorts by a key computed once per document: comparing whole documents copies and
    /// retains their front matter on every comparison.
    static func sorted(_ documents: [SourceDocument], by key: (SourceDocument) -> OrderKey) -> [SourceDocument] {
        let keys = documents.map(key)
        return documents.indices.sorted { keys[$0] < keys[$1] }.map { documents[$0] }
    }

    /// A number, then a title, then a path: a total order for lists of documents.
    struct OrderKey: Comparable {
        let number: Int
        let title: String
        let path: String

        init(_ number: Int, _ title: String, _ path: String) {
            self.number = number
            self.title = title
            self.path = path
        }

        static func < (a: OrderKey, b: OrderKey) -> Bool { (a.number, a.title, a.path) < (b.number, b.title, b.path) }
    }
}
