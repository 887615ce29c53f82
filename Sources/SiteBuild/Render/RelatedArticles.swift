import SiteModel

/// Chooses each article's related articles: those named in `related` first, then the rest
/// by the number of topics they share, then by text similarity (the words they share),
/// then by nearness in the first topic's order, then newest first. Candidates are the
/// articles the similarity index finds plus the nearest few in the first topic, never all
/// articles.
///
/// Every page shows its related articles and the preview's output plan records them, so
/// `SiteGraph` works them out once, in parallel, rather than on every call.
struct RelatedArticles: Sendable {
    /// Articles by position: newest first, then by path. An edit that keeps an article's
    /// date keeps every position, so the preview can patch the index rather than rebuild it.
    private var articles: [SourceDocument]
    private var articlesBySlug: [String: SourceDocument]
    /// Source path → position in `articles`.
    private let articleIndex: [String: Int]
    private var similarity: TextSimilarity
    /// Each article's topics as bits (declared topic n → bit n mod 64), so counting shared
    /// topics is one AND and a population count, not set operations on strings.
    private var topicBits: [UInt64]
    private let bitOfTopic: [String: UInt64]
    /// How far along a topic's list `related` looks for near articles.
    static func reach(limit: Int) -> Int { limit * 2 + 1 }

    /// `reusing`: frequent terms of documents read before (`TextSimilarity`).
    init(content: SiteContent, jobs: Int, reusing terms: PerDocument<[(UInt64, Int)]>) {
        articles = SiteGraph.sorted(content.articles) {
            SiteGraph.OrderKey(-($0.frontMatter.published ?? Day.distantPast).daysSinceEpoch, "", $0.path)
        }
        similarity = TextSimilarity(articles: articles, jobs: jobs, reusing: terms)
        articleIndex = Dictionary(articles.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        let bitOfTopic = Dictionary(content.config.topics.enumerated().map { ($1.slug, UInt64(1) << UInt64($0 % 64)) },
                                    uniquingKeysWith: { first, _ in first })
        self.bitOfTopic = bitOfTopic
        topicBits = articles.map { Self.bits(of: $0, bitOfTopic) }
        articlesBySlug = Dictionary(articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The finder after `changed` articles were parsed again, each keeping its path, slug
    /// and date (nil otherwise: positions would move), and the source paths whose related
    /// articles may differ because of the text index (`TextSimilarity.updated`).
    func updated(_ changed: [SourceDocument]) -> (finder: RelatedArticles, affected: Set<String>)? {
        var next = self
        var positions: [Int] = []
        for article in changed {
            guard let index = articleIndex[article.path], articles[index].slug == article.slug,
                  articles[index].frontMatter.published == article.frontMatter.published else { return nil }
            next.articles[index] = article
            next.articlesBySlug[article.slug] = article
            next.topicBits[index] = Self.bits(of: article, bitOfTopic)
            positions.append(index)
        }
        let (similarity, affected) = similarity.updated(articles: next.articles, changed: positions)
        next.similarity = similarity
        return (next, Set(affected.map { next.articles[$0].path }))
    }

    /// Each article's frequent terms, for the next finder to reuse (`init(reusing:)`).
    var reusableTerms: PerDocument<[(UInt64, Int)]> { similarity.frequentTerms(of: articles) }

    /// Up to `limit` related articles for `document`; `lists` gives nearness in topics.
    func related(to document: SourceDocument, limit: Int, lists: TopicLists) -> [SourceDocument] {
        var chosen: [SourceDocument] = []
        var seen: Set<String> = [document.path]
        for slug in document.frontMatter.related where chosen.count < limit {
            if let match = articlesBySlug[slug.value], seen.insert(match.path).inserted { chosen.append(match) }
        }
        guard chosen.count < limit, let index = articleIndex[document.path] else { return chosen }
        let bits = topicBits[index]
        // Article index → (shared topics, similarity, distance in the first topic's order).
        var pool: [Int: (shared: Int, score: Int, distance: Int)] = [:]
        func shared(_ other: Int) -> Int { (topicBits[other] & bits).nonzeroBitCount }
        for (other, score) in similarity.similar(to: index) { pool[other] = (shared(other), score, Int.max) }
        if let topic = document.frontMatter.topics.first?.value, let list = lists.byTopic[topic],
           let position = lists.positionInFirstTopic[document.path] {
            var distance = 1
            var added = 0
            // Stays within `reach(limit:)` places, which the preview relies on.
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
            if seen.insert(articles[other].path).inserted { chosen.append(articles[other]) }
        }
        return chosen
    }

    private static func bits(of article: SourceDocument, _ bitOfTopic: [String: UInt64]) -> UInt64 {
        article.frontMatter.topics.reduce(0) { $0 | (bitOfTopic[$1.value] ?? 0) }
    }
}
