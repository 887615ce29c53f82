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
    /// Each article's topics as bits (declared topic n → bit n mod 64), so counting shared
    /// topics is one AND and a population count, not set operations on strings.
    private let topicBits: [UInt64]

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
        let bitOfTopic = Dictionary(content.config.topics.enumerated().map { ($1.slug, UInt64(1) << UInt64($0 % 64)) },
                                    uniquingKeysWith: { first, _ in first })
        topicBits = content.articles.map { $0.frontMatter.topics.reduce(0) { $0 | (bitOfTopic[$1.value] ?? 0) } }
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

    /// Up to `limit` related articles: those named in `related` first, then the rest by the
    /// number of topics they share with `article`, then by text similarity (the words they
    /// share), then by nearness in the first topic's order. Candidates are the articles the
    /// similarity index finds plus the nearest few in the first topic, never all articles.
    func related(to article: SourceDocument, limit: Int = 3) -> [SourceDocument] {
        var chosen: [SourceDocument] = []
        var seen: Set<String> = [article.path]
        for slug in article.frontMatter.related where chosen.count < limit {
            if let match = articlesBySlug[slug.value], seen.insert(match.path).inserted { chosen.append(match) }
        }
        guard chosen.count < limit, let index = articleIndex[article.path] else { return chosen }
        let bits = topicBits[index]
        // Article index → (shared topics, similarity, distance in the first topic's order).
        var pool: [Int: (shared: Int, score: Int, distance: Int)] = [:]
        func shared(_ other: Int) -> Int { (topicBits[other] & bits).nonzeroBitCount }
        for (other, score) in similarity.similar(to: index) { pool[other] = (shared(other), score, Int.max) }
        if let topic = article.frontMatter.topics.first?.value, let list = articlesByTopic[topic],
           let position = positionInFirstTopic[article.path] {
            var distance = 1
            var added = 0
            while added < limit * 2, position - distance >= 0 || position + distance < list.count {
                for candidate in [position + distance, position - distance] where list.indices.contains(candidate) {
                    guard let other = articleIndex[list[candidate].path] else { continue }
                    let existing = pool[other]
                    pool[other] = (existing?.shared ?? shared(other), existing?.score ?? 0, min(existing?.distance ?? Int.max, distance))
                    added += 1
                }
                distance += 1
            }
        }
        let ranked = pool.largest(limit + chosen.count) { a, b in
            (a.value.shared, a.value.score, -a.value.distance, -a.key) > (b.value.shared, b.value.score, -b.value.distance, -b.key)
        }
        for (other, _) in ranked where chosen.count < limit {
            if seen.insert(content.articles[other].path).inserted { chosen.append(content.articles[other]) }
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
