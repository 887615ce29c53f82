import CommonMark
import SiteModel

/// The relations between published documents that pages show: topic lists, neighbours,
/// related articles, the newest and most recently reviewed. Computed once per build.
struct SiteGraph: Sendable {
    let content: SiteContent
    /// Each topic's articles, by weight then title.
    let articlesByTopic: [String: [SourceDocument]]
    /// Most recently reviewed first.
    let recentlyReviewed: [SourceDocument]
    /// Each article's position in its first topic's list, so neighbours are a lookup.
    private let positionInFirstTopic: [String: Int]
    private let similarity: TextSimilarity
    /// Up to `relatedLimit` related articles per document, by source path.
    private let relatedByPath: [String: [SourceDocument]]
    static let relatedLimit = 3

    /// `previous`: the graph before an edit (the preview), whose per-article work is reused
    /// for articles that did not change.
    init(content: SiteContent, jobs: Int = ParallelMap.defaultJobs, previous: SiteGraph? = nil) {
        self.content = content
        var byTopic: [String: [SourceDocument]] = [:]
        for article in content.articles {
            for topic in article.frontMatter.topics { byTopic[topic.value, default: []].append(article) }
        }
        let sortedByTopic = byTopic.mapValues { Self.sorted($0) { OrderKey($0.frontMatter.weight, $0.frontMatter.title, $0.path) } }
        articlesByTopic = sortedByTopic
        var positions: [String: Int] = [:]
        for (topic, list) in sortedByTopic {
            for (index, article) in list.enumerated() where article.frontMatter.topics.first?.value == topic {
                positions[article.path] = index
            }
        }
        positionInFirstTopic = positions
        let similarity = TextSimilarity(articles: content.articles, jobs: jobs,
                                        reusing: previous?.similarity.termsByDocument ?? .init())
        self.similarity = similarity
        let finder = RelatedArticles(content: content, articlesByTopic: sortedByTopic, positionInFirstTopic: positions,
                                     similarity: similarity)
        let documents = content.documents
        let related = ParallelMap.map(documents, jobs: jobs) { finder.related(to: $0, limit: Self.relatedLimit) }
        relatedByPath = Dictionary(zip(documents.map(\.path), related), uniquingKeysWith: { first, _ in first })
        // Articles are already newest first, so a stable sort on the review date alone keeps
        // that order between equal dates.
        let reviewed = content.articles.map { -($0.frontMatter.lastReviewed?.value ?? Day.distantPast).daysSinceEpoch }
        recentlyReviewed = content.articles.indices.sorted { (reviewed[$0], $0) < (reviewed[$1], $1) }.map { content.articles[$0] }
    }

    /// The article before and after `article` in its first topic.
    func neighbours(of article: SourceDocument) -> (previous: SourceDocument?, next: SourceDocument?) {
        guard let topic = article.frontMatter.topics.first?.value, let list = articlesByTopic[topic],
              let index = positionInFirstTopic[article.path] else { return (nil, nil) }
        return (index > 0 ? list[index - 1] : nil, index + 1 < list.count ? list[index + 1] : nil)
    }

    /// Up to three related articles (`RelatedArticles` says how they are chosen).
    func related(to document: SourceDocument) -> [SourceDocument] {
        relatedByPath[document.path] ?? []
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
