import Foundation
import SiteModel

/// Which articles use the same distinctive words, computed once per build.
///
/// Each article keeps a handful of its most distinctive terms (tf–idf over its title, its
/// summary and the start of its body). An inverted index from term to the articles that
/// keep it finds candidates without comparing every pair, so 10,000 articles cost a few
/// tens of milliseconds. Terms are 64-bit FNV-1a hashes of lower-cased words, not strings:
/// no allocation per word, and the same on every run (Swift's `Hasher` is seeded per process).
struct TextSimilarity: Sendable {
    /// Terms kept per article for matching.
    static let termsPerArticle = 6
    /// A term kept by more articles than this says little about any of them.
    static let maximumArticlesPerTerm = 50
    /// Only the start of the body is read: it names the subject, and reading all of it
    /// would cost more than the rest of this step.
    static let bodyPrefixBytes = 1_500

    /// Each article's frequent terms with their counts, what its kept terms are chosen from.
    private var frequent: [[(UInt64, Int)]]
    /// How many articles have each term among their frequent terms.
    private var documentFrequency: [UInt64: Int] = [:]
    /// Each article's kept terms with their weights.
    private var terms: [[(term: UInt64, weight: Int)]]
    /// Term → indices of the articles that keep it, ascending.
    private var postings: [UInt64: [Int32]] = [:]
    /// `articles` are indexed by position. `reusing`: the previous graph's terms, whose
    /// unchanged articles are not read again.
    init(articles: [SourceDocument], jobs: Int = ParallelMap.defaultJobs, reusing previous: PerDocument<[(UInt64, Int)]> = .init()) {
        frequent = ParallelMap.map(articles, jobs: jobs) { previous[$0] ?? Self.frequentTerms(in: $0) }
        for list in frequent {
            for (term, _) in list { documentFrequency[term, default: 0] += 1 }
        }
        terms = []
        terms.reserveCapacity(articles.count)
        for (index, list) in frequent.enumerated() {
            let kept = kept(from: list)
            terms.append(kept)
            for entry in kept { postings[entry.term, default: []].append(Int32(index)) }
        }
    }

    /// The index after the articles at `changed` were parsed again, with `articles` in the
    /// same positions as before (none added, removed or moved), and the positions whose
    /// `similar(to:)` may differ now or that share a kept term with a changed article.
    ///
    /// An article's kept terms depend on how many articles use each of its terms, so an edit
    /// can change other articles' terms too: those holding a term whose count changed
    /// within the range that is weighed are scored again.
    func updated(articles: [SourceDocument], changed: [Int]) -> (index: TextSimilarity, affected: Set<Int>) {
        var next = self
        var counted: Set<UInt64> = []
        for index in changed {
            let list = Self.frequentTerms(in: articles[index])
            for (term, _) in frequent[index] { next.documentFrequency[term, default: 0] -= 1; counted.insert(term) }
            for (term, _) in list { next.documentFrequency[term, default: 0] += 1; counted.insert(term) }
            next.frequent[index] = list
        }
        var weighed: Set<UInt64> = []
        for term in counted {
            let before = documentFrequency[term] ?? 0, after = next.documentFrequency[term] ?? 0
            if after == 0 { next.documentFrequency[term] = nil }
            if before != after, Self.isWeighed(before) || Self.isWeighed(after) { weighed.insert(term) }
        }
        var rescored = Set(changed)
        if !weighed.isEmpty {
            for (index, list) in next.frequent.enumerated() where list.contains(where: { weighed.contains($0.0) }) {
                rescored.insert(index)
            }
        }
        var affected: Set<Int> = []
        var movedTerms: Set<UInt64> = []
        for index in rescored.sorted() {
            let old = terms[index], new = next.kept(from: next.frequent[index])
            if old.elementsEqual(new, by: { $0 == $1 }) { continue }
            affected.insert(index)
            next.terms[index] = new
            let oldTerms = Set(old.map(\.term)), newTerms = Set(new.map(\.term))
            for term in oldTerms.subtracting(newTerms) {
                next.postings[term]?.removeAll { $0 == Int32(index) }
                if next.postings[term]?.isEmpty == true { next.postings[term] = nil }
                movedTerms.insert(term)
            }
            for term in newTerms.subtracting(oldTerms) {
                var list = next.postings[term] ?? []
                list.insert(Int32(index), at: list.firstIndex { $0 > Int32(index) } ?? list.count)
                next.postings[term] = list
                movedTerms.insert(term)
            }
        }
        // Articles keeping a term whose postings moved, and those sharing a term with a
        // changed article (whose topics, say, may rank it differently now).
        for term in movedTerms { affected.formUnion((next.postings[term] ?? []).map(Int.init)) }
        for index in changed {
            for (term, _) in terms[index] + next.terms[index] { affected.formUnion((next.postings[term] ?? []).map(Int.init)) }
        }
        return (next, affected)
    }

    /// Every article's frequent terms by the document they were read from, for a new index
    /// to reuse (`reusing`): the preview builds a new graph after some edits, and reading
    /// 10,000 articles' words again each time would cost more than the rest of the rebuild.
    /// `articles` are those this index was built from, in the same positions.
    func frequentTerms(of articles: [SourceDocument]) -> PerDocument<[(UInt64, Int)]> {
        var terms = PerDocument<[(UInt64, Int)]>()
        for (article, list) in zip(articles, frequent) { terms[article] = list }
        return terms
    }

    /// Whether a term used by `count` articles is weighed at all.
    private static func isWeighed(_ count: Int) -> Bool { count >= 2 && count <= maximumArticlesPerTerm }

    /// An article's kept terms: its most distinctive frequent terms by tf–idf.
    private func kept(from list: [(UInt64, Int)]) -> [(term: UInt64, weight: Int)] {
        let count = Double(max(1, frequent.count))
        return list.compactMap { term, frequency -> (term: UInt64, weight: Int)? in
            let df = documentFrequency[term] ?? 1
            guard Self.isWeighed(df) else { return nil }
            // tf·idf in integer hundredths, so ordering never depends on rounding.
            return (term, Int(Double(frequency) * log(count / Double(df)) * 100))
        }
        .filter { $0.weight > 0 }
        .largest(Self.termsPerArticle) { ($0.weight, $1.term) > ($1.weight, $0.term) }
    }

    /// Articles sharing kept terms with article `index`, with the summed weights of the
    /// terms they share, in no particular order.
    func similar(to index: Int) -> [Int: Int] {
        guard terms.indices.contains(index) else { return [:] }
        var scores: [Int: Int] = [:]
        for (term, weight) in terms[index] {
            for other in postings[term] ?? [] where Int(other) != index { scores[Int(other), default: 0] += weight }
        }
        return scores
    }

    // MARK: Terms

    /// Up to 16 terms by frequency: title words count three times, summary words twice.
    static func frequentTerms(in article: SourceDocument) -> [(UInt64, Int)] {
        var counts: [UInt64: Int] = [:]
        addWords(of: article.frontMatter.title.utf8, weight: 3, to: &counts)
        addWords(of: article.frontMatter.summary.utf8, weight: 2, to: &counts)
        let start = article.body.utf8.prefix(bodyPrefixBytes)
        // The body's bytes in place when it has them: a generic walk of its UTF-8 view cost
        // more than the counting.
        if start.withContiguousStorageIfAvailable({ addWords(of: $0, weight: 1, to: &counts) }) == nil {
            addWords(of: start, weight: 1, to: &counts)
        }
        return counts.largest(16) { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// Words of four or more letters, lower-cased, minus common function words.
    private static func addWords<Bytes: Sequence<UInt8>>(of bytes: Bytes, weight: Int, to counts: inout [UInt64: Int]) {
        var hash = fnvOffset
        var length = 0
        func finish() {
            if length >= 4, !stopWords.contains(hash) { counts[hash, default: 0] += weight }
            hash = fnvOffset
            length = 0
        }
        for byte in bytes {
            let lower = byte &+ ((byte >= 0x41 && byte <= 0x5A) ? 0x20 : 0)
            // ASCII letters and any byte of a non-ASCII character are part of a word.
            if (lower >= 0x61 && lower <= 0x7A) || byte >= 0x80 {
                hash = (hash ^ UInt64(lower)) &* fnvPrime
                length += 1
            } else {
                finish()
            }
        }
        finish()
    }

    private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    static func termHash(_ word: String) -> UInt64 {
        word.utf8.reduce(fnvOffset) { ($0 ^ UInt64($1)) &* fnvPrime }
    }

    /// Frequent English words of four letters or more, which idf alone does not push out
    /// of a small site.
    private static let stopWords: Set<UInt64> = Set([
        "about", "after", "also", "because", "been", "before", "being", "both", "could", "does", "each", "even",
        "from", "have", "here", "into", "just", "like", "many", "more", "most", "much", "only", "other", "over",
        "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "very",
        "want", "were", "what", "when", "where", "which", "while", "will", "with", "would", "your", "you're",
        "https", "http", "www",
    ].map(termHash))
}

extension Sequence {
    /// The first `count` elements in `isBefore` order, without sorting the whole sequence:
    /// one pass, keeping a small sorted buffer.
    func largest(_ count: Int, by isBefore: (Element, Element) -> Bool) -> [Element] {
        var best: [Element] = []
        best.reserveCapacity(count + 1)
        for element in self {
            if best.count == count, let last = best.last, !isBefore(element, last) { continue }
            let position = best.firstIndex { isBefore(element, $0) } ?? best.count
            best.insert(element, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
