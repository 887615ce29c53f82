import CommonMark
import SiteModel

/// The relations between published documents that pages show: topic lists, neighbours,
/// related articles, the newest and most recently reviewed. Computed once per build.
struct SiteGraph: Sendable {
    let content: SiteContent
    /// Rendered documents by source path.
    let rendered: [String: RenderedDocument]
    /// Each topic's articles, by weight then title.
    let articlesByTopic: [String: [SourceDocument]]
    /// Most recently reviewed first.
    let recentlyReviewed: [SourceDocument]
    let articlesBySlug: [String: SourceDocument]
    /// Each article's position in its first topic's list, so neighbours are a lookup.
    private let positionInFirstTopic: [String: Int]

    init(content: SiteContent, rendered: [RenderedDocument]) {
        self.content = content
        self.rendered = Dictionary(uniqueKeysWithValues: rendered.map { ($0.document.path, $0) })
        var byTopic: [String: [SourceDocument]] = [:]
        for article in content.articles {
            for topic in article.frontMatter.topics { byTopic[topic.value, default: []].append(article) }
        }
        let sortedByTopic = byTopic.mapValues { $0.sorted(by: Self.topicOrder) }
        articlesByTopic = sortedByTopic
        var positions: [String: Int] = [:]
        for (topic, list) in sortedByTopic {
            for (index, article) in list.enumerated() where article.frontMatter.topics.first?.value == topic {
                positions[article.path] = index
            }
        }
        positionInFirstTopic = positions
        articlesBySlug = Dictionary(content.articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        recentlyReviewed = content.articles.sorted {
            let (a, b) = ($0.frontMatter.lastReviewed?.value, $1.frontMatter.lastReviewed?.value)
            return a != b ? (a ?? Day.distantPast) > (b ?? Day.distantPast) : ContentResolver.newestFirst($0, $1)
        }
    }

    /// The article before and after `article` in its first topic.
    func neighbours(of article: SourceDocument) -> (previous: SourceDocument?, next: SourceDocument?) {
        guard let topic = article.frontMatter.topics.first?.value, let list = articlesByTopic[topic],
              let index = positionInFirstTopic[article.path] else { return (nil, nil) }
        return (index > 0 ? list[index - 1] : nil, index + 1 < list.count ? list[index + 1] : nil)
    }

    /// Up to `limit` related articles: those named in `related` first, then the articles
    /// nearest in the first topic's order, alternating after and before.
    func related(to article: SourceDocument, limit: Int = 3) -> [SourceDocument] {
        var chosen: [SourceDocument] = []
        var seen: Set<String> = [article.path]
        for slug in article.frontMatter.related {
            if let match = articlesBySlug[slug.value], seen.insert(match.path).inserted { chosen.append(match) }
        }
        guard chosen.count < limit, let topic = article.frontMatter.topics.first?.value,
              let list = articlesByTopic[topic], let index = positionInFirstTopic[article.path]
        else { return Array(chosen.prefix(limit)) }
        var distance = 1
        while chosen.count < limit, index - distance >= 0 || index + distance < list.count {
            for candidate in [index + distance, index - distance] where list.indices.contains(candidate) {
                if chosen.count < limit, seen.insert(list[candidate].path).inserted { chosen.append(list[candidate]) }
            }
            distance += 1
        }
        return chosen
    }

    /// Weight first (lower first), then title, then path.
    static func topicOrder(_ a: SourceDocument, _ b: SourceDocument) -> Bool {
        (a.frontMatter.weight, a.frontMatter.title, a.path) < (b.frontMatter.weight, b.frontMatter.title, b.path)
    }
}
