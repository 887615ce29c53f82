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
    let articlesBySlug: [String: SourceDocument]
    /// Each article's position in its first topic's list, so neighbours are a lookup.
    private let positionInFirstTopic: [String: Int]
    /// Source path → index in `content.articles`, for the text similarity index.
    private let articleIndex: [String: Int]
    private let similarity: TextSimilarity

    init(content: SiteContent, jobs: Int = ParallelMap.defaultJobs) {
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
        articleIndex = Dictionary(content.articles.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        similarity = TextSimilarity(articles: content.articles, jobs: jobs)
        articlesBySlug = Dictionary(content.articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
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

    /// Up to `limit` related articles: those named in `related` first; then articles that
    /// use the same distinctive words, those sharing more topics first; then, if that is not
    /// enough, the articles nearest in the first topic's order, alternating after and before.
    func related(to article: SourceDocument, limit: Int = 3) -> [SourceDocument] {
        var chosen: [SourceDocument] = []
        var seen: Set<String> = [article.path]
        func add(_ candidate: SourceDocument) {
            if chosen.count < limit, seen.insert(candidate.path).inserted { chosen.append(candidate) }
        }
        for slug in article.frontMatter.related {
            if let match = articlesBySlug[slug.value] { add(match) }
        }
        if chosen.count < limit, let index = articleIndex[article.path] {
            let topics = Set(article.frontMatter.topics.map(\.value))
            let ranked = similarity.similar(to: index).map { match -> (shared: Int, score: Int, index: Int) in
                (content.articles[match.index].frontMatter.topics.filter { topics.contains($0.value) }.count, match.score, match.index)
            }
            for match in ranked.sorted(by: { ($0.shared, $0.score, $1.index) > ($1.shared, $1.score, $0.index) }) {
                add(content.articles[match.index])
            }
        }
        guard chosen.count < limit, let topic = article.frontMatter.topics.first?.value,
              let list = articlesByTopic[topic], let index = positionInFirstTopic[article.path]
        else { return chosen }
        var distance = 1
        while chosen.count < limit, index - distance >= 0 || index + distance < list.count {
            for candidate in [index + distance, index - distance] where list.indices.contains(candidate) { add(list[candidate]) }
            distance += 1
        }
        return chosen
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
