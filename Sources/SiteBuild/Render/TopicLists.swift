import SiteModel

/// Each topic's articles in order (weight, then title, then path), and where each article
/// sits in the list of its first topic, which gives its previous and next articles.
struct TopicLists: Sendable {
    /// Topic slug → its articles in order; topics without articles have no entry.
    private(set) var byTopic: [String: [SourceDocument]] = [:]
    /// Source path → position in its first topic's list.
    private(set) var positionInFirstTopic: [String: Int] = [:]

    init(articles: [SourceDocument]) {
        var byTopic: [String: [SourceDocument]] = [:]
        for article in articles {
            for topic in article.frontMatter.topics { byTopic[topic.value, default: []].append(article) }
        }
        self.byTopic = byTopic.mapValues { SiteGraph.sorted($0, by: Self.orderKey) }
        for topic in self.byTopic.keys { recordPositions(in: topic) }
    }

    /// The lists after the articles `old` were parsed again as `new` (same paths), and the
    /// source paths of the articles within `reach` places of where one left a list or
    /// arrived in one: their nearby articles may differ.
    func updated(replacing old: [SourceDocument], with new: [SourceDocument], reach: Int) -> (lists: TopicLists, near: Set<String>) {
        var next = self
        var near: Set<String> = []
        let changed = Set(new.map(\.path))
        for path in changed { next.positionInFirstTopic[path] = nil }
        let touched = Set((old + new).flatMap { $0.frontMatter.topics.map(\.value) })
        for topic in touched {
            let before = byTopic[topic] ?? []
            for (index, article) in before.enumerated() where changed.contains(article.path) {
                near.formUnion(Self.paths(around: index, in: before, reach: reach))
            }
            var list = before.filter { !changed.contains($0.path) }
            var keys = list.map(Self.orderKey)
            for article in new where article.frontMatter.topics.contains(where: { $0.value == topic }) {
                let key = Self.orderKey(article)
                let index = keys.partitioningIndex { key < $0 }
                list.insert(article, at: index)
                keys.insert(key, at: index)
            }
            for (index, article) in list.enumerated() where changed.contains(article.path) {
                near.formUnion(Self.paths(around: index, in: list, reach: reach))
            }
            next.byTopic[topic] = list.isEmpty ? nil : list
            next.recordPositions(in: topic)
        }
        return (next, near)
    }

    /// The article before and after `article` in its first topic.
    func neighbours(of article: SourceDocument) -> (previous: SourceDocument?, next: SourceDocument?) {
        guard let topic = article.frontMatter.topics.first?.value, let list = byTopic[topic],
              let index = positionInFirstTopic[article.path] else { return (nil, nil) }
        return (index > 0 ? list[index - 1] : nil, index + 1 < list.count ? list[index + 1] : nil)
    }

    private static func orderKey(_ article: SourceDocument) -> SiteGraph.OrderKey {
        SiteGraph.OrderKey(article.frontMatter.weight, article.frontMatter.title, article.path)
    }

    private mutating func recordPositions(in topic: String) {
        for (index, article) in (byTopic[topic] ?? []).enumerated() where article.frontMatter.topics.first?.value == topic {
            positionInFirstTopic[article.path] = index
        }
    }

    private static func paths(around index: Int, in list: [SourceDocument], reach: Int) -> [String] {
        list[max(0, index - reach)...min(list.count - 1, index + reach)].map(\.path)
    }
}

extension Collection {
    /// The first index whose element satisfies `belongs`, for a collection where every
    /// element that does comes after every one that does not (binary search).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongs(self[middle]) { count = half } else { low = index(after: middle); count -= half + 1 }
        }
        return low
    }
}
