import SiteModel

/// Chooses each article's related articles: those named in `related` first, then the rest
/// by the number of topics they share, then by text similarity (the words they share),
/// then by nearness in the first topic's order. Candidates are the articles the similarity
/// index finds plus the nearest few in the first topic, never all articles.
///
/// Every page shows its related articles and the preview's output plan records them, so
/// `SiteGraph` works them out once, in parallel, rather than on every call.
struct RelatedArticles {
    let articles: [SourceDocument]
    let articlesBySlug: [String: SourceDocument]
    let articlesByTopic: [String: [SourceDocument]]
    let positionInFirstTopic: [String: Int]
    /// Source path → index in `articles`, for the text similarity index.
    let articleIndex: [String: Int]
    let similarity: TextSimilarity
    /// Each article's topics as bits (declared topic n → bit n mod 64), so counting shared
    /// topics is one AND and a population count, not set operations on strings.
    let topicBits: [UInt64]

    init(content: SiteContent, articlesByTopic: [String: [SourceDocument]], positionInFirstTopic: [String: Int],
         similarity: TextSimilarity) {
        articles = content.articles
        self.articlesByTopic = articlesByTopic
        self.positionInFirstTopic = positionInFirstTopic
        self.similarity = similarity
        articleIndex = Dictionary(content.articles.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        let bitOfTopic = Dictionary(content.config.topics.enumerated().map { ($1.slug, UInt64(1) << UInt64($0 % 64)) },
                                    uniquingKeysWith: { first, _ in first })
        topicBits = content.articles.map { $0.frontMatter.topics.reduce(0) { $0 | (bitOfTopic[$1.value] ?? 0) } }
        articlesBySlug = Dictionary(content.articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Up to `limit` related articles for `document`.
    func related(to document: SourceDocument, limit: Int) -> [SourceDocument] {
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
        if let topic = document.frontMatter.topics.first?.value, let list = articlesByTopic[topic],
           let position = positionInFirstTopic[document.path] {
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
            if seen.insert(articles[other].path).inserted { chosen.append(articles[other]) }
        }
        return chosen
    }
}
