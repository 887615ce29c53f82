import Dispatch
import Foundation

/// Assembles the search index from every article's words: BM25F impacts per term and
/// article, a term dictionary sharded by sorted key, grouped display data, a typo lexicon
/// per first letter and a small manifest. Every file is a classic script
/// (`__hubSearch("t/3",{…});`), which the client fetches over http(s) and loads with a
/// `<script>` tag from `file://`: one format, one set of files.
public struct SearchIndexBuilder: Sendable {
    /// Field weights: title > headings > summary > body.
    public static let weights: [Double] = [8, 3, 2, 1]
    /// BM25 length normalisation per field.
    public static let lengthNormalisation: [Double] = [0.5, 0.6, 0.6, 0.75]
    public static let k1 = 1.2
    /// Impacts are BM25F scores × this, as integers from 1 to 255 (at most three digits in
    /// the shard text): the scale is fixed, so an article's impact depends only on its own
    /// text and the term's document frequency.
    public static let impactScale = 12.0
    /// A term's postings keep only its highest-impact articles: a query never shows more
    /// than the top few hundred for one word, and the common words' shards stay small.
    public static let maximumPostings = 1_500
    /// Articles per display-data file.
    public static let groupSize = 16
    /// A dictionary shard is closed once its text passes this many bytes, or the total
    /// over `maximumShards` if that is more: small shards for small sites, and at most
    /// about 700 shard files for any site.
    public static let shardBytes = 8_000
    public static let maximumShards = 700

    public struct Configuration: Sendable {
        /// Synonym groups as written: each is a list of words or phrases that mean the same.
        public var synonyms: [[String]]
        /// Topic slugs and titles, for the filter.
        public var topics: [(slug: String, title: String)]

        public init(synonyms: [[String]] = [], topics: [(slug: String, title: String)] = []) {
            self.synonyms = synonyms
            self.topics = topics
        }
    }

    public let configuration: Configuration
    public var jobs: Int

    public init(configuration: Configuration, jobs: Int = 2) {
        self.configuration = configuration
        self.jobs = max(1, jobs)
    }

    /// Every index file, by path under `search/`, sorted by path.
    public func build(_ articles: [ArticleWords]) -> [(path: String, data: Data)] {
        // Articles in URL order: ids are stable and the output is the same whatever order
        // the render pass finished in.
        let articles = articles.sorted { $0.display.url < $1.display.url }
        // Terms are numbered in key order (topic filters, `#slug`, included), so postings
        // are arrays indexed by number and the shards come out sorted.
        // Every distinct word numbered by its bytes (a `WordTable`, not a `[String: …]`: it
        // is asked for every word of every article), with its term; nil for stop words.
        let (wordTable, words, wordTerms) = termTable(for: articles)
        let topicTerms = Set(articles.flatMap { $0.display.topics.map { "#" + $0 } })
        let keys = Array(Set(wordTerms.compactMap { $0 }).union(topicTerms)).sorted(by: Self.precedes)
        let termNumber = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Int32($0)) })
        let termOfWord = wordTerms.map { $0.map { termNumber[$0]! } }
        let perArticle = concurrentMap(articles) { article -> (terms: [(term: Int32, counts: FieldCounts)], lengths: [Int], lexicon: [Int32]) in
            var terms: [(term: Int32, counts: FieldCounts)] = []
            terms.reserveCapacity(article.wordCount)
            var lengths = [0, 0, 0, 0]
            var lexicon: [Int32] = []
            for index in 0..<article.wordCount {
                let word = article.word(index)
                guard let number = wordTable.lookUp(word), let term = termOfWord[number] else { continue }
                let counts = article.fieldCounts[index]
                terms.append((term, counts))
                for field in ArticleWords.Field.allCases { lengths[field.rawValue] += counts[field] }
                if word.count >= 4 { lexicon.append(Int32(number)) }
            }
            Self.mergeRuns(&terms)
            return (terms, lengths, lexicon)
        }
        let count = articles.count
        var totals = [0.0, 0.0, 0.0, 0.0]
        for entry in perArticle { for f in 0..<4 { totals[f] += Double(entry.lengths[f]) } }
        let averages = totals.map { max(1, $0 / Double(max(count, 1))) }

        // Postings: term number → [(article, counts)], articles in order. Each chunk of
        // articles gathers its own in parallel; a term's list is its chunks' lists in order.
        let chunkPostings = concurrentChunks(Array(perArticle.indices)) { ids -> [[(Int, FieldCounts)]] in
            var postings = Array(repeating: [(Int, FieldCounts)](), count: keys.count)
            for id in ids {
                for (term, counts) in perArticle[id].terms { postings[Int(term)].append((id, counts)) }
                for topic in articles[id].display.topics {
                    if let number = termNumber["#" + topic] { postings[Int(number)].append((id, FieldCounts())) }
                }
            }
            return postings
        }
        let topicSlugs = configuration.topics.map(\.slug)
        let entries = concurrentMap(Array(keys.enumerated())) { number, term -> [UInt8] in
            let list = chunkPostings.flatMap { $0[number] }
            var scored: [(id: Int, impact: Int)]
            if term.hasPrefix("#") {
                scored = list.map { ($0.0, 1) }
            } else {
                let df = Double(list.count)
                let idf = log(1 + (Double(count) - df + 0.5) / (df + 0.5))
                scored = list.map { id, counts in
                    var weighted = 0.0
                    for field in ArticleWords.Field.allCases where counts[field] > 0 {
                        let f = field.rawValue
                        let norm = 1 - Self.lengthNormalisation[f] + Self.lengthNormalisation[f] * Double(perArticle[id].lengths[f]) / averages[f]
                        weighted += Self.weights[f] * Double(counts[field]) / norm
                    }
                    let score = idf * weighted * (Self.k1 + 1) / (Self.k1 + weighted)
                    return (id, max(1, min(255, Int((score * Self.impactScale).rounded()))))
                }
                if scored.count > Self.maximumPostings {
                    scored.sort { $0.impact != $1.impact ? $0.impact > $1.impact : $0.id < $1.id }
                    scored = Array(scored.prefix(Self.maximumPostings))
                }
            }
            scored.sort { $0.id < $1.id }
            var json = JSONText()
            json.string(term)
            json.raw(":[")
            json.number(list.count)
            var previous = 0
            for posting in scored {
                json.byte(0x2C)
                json.number(posting.id - previous)
                json.byte(0x2C)
                json.number(posting.impact)
                previous = posting.id
            }
            json.byte(0x5D)
            return json.bytes
        }

        var files: [(path: String, data: Data)] = []
        // Dictionary shards.
        var shardKeys: [String] = []
        var current: [UInt8] = [], currentFirst = ""
        func closeShard() {
            guard !current.isEmpty else { return }
            let name = "t/\(shardKeys.count)"
            shardKeys.append(shardKeys.isEmpty ? "" : currentFirst)
            files.append(Self.file(name, [0x7B] + current + [0x7D]))
            current = []
        }
        let totalBytes = entries.reduce(0) { $0 + $1.count }
        let shardBytes = max(Self.shardBytes, totalBytes / Self.maximumShards)
        for (key, entry) in zip(keys, entries) {
            if current.isEmpty { currentFirst = key } else { current.append(0x2C) }
            current += entry
            if current.count >= shardBytes { closeShard() }
        }
        closeShard()
        if shardKeys.isEmpty {
            shardKeys = [""]
            files.append(Self.file("t/0", Array("{}".utf8)))
        }

        // Display data, in groups of `groupSize` consecutive articles, made in parallel.
        let topicIndex = Dictionary(topicSlugs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let groups = Array(stride(from: 0, to: count, by: Self.groupSize))
        files += concurrentMap(groups) { start in
            let slice = articles[start..<min(count, start + Self.groupSize)]
            var json = JSONText()
            json.array(Array(slice)) { json, article in
                let d = article.display
                json.raw("[")
                json.string(d.url); json.raw(","); json.string(d.title); json.raw(","); json.string(d.summary); json.raw(",")
                json.array(d.topics.compactMap { topicIndex[$0] }) { $0.number($1) }
                json.raw(",")
                json.array(d.headings) { json, heading in
                    json.raw("["); json.string(heading.text); json.raw(","); json.string(heading.id); json.raw("]")
                }
                json.raw("]")
            }
            return Self.file("d/\(start / Self.groupSize)", json.bytes)
        }

        // Typo lexicon: every indexed word of 4 or more letters, by first letter, most
        // frequent first (the client takes the first word at the smallest distance).
        var documentFrequency = [Int](repeating: 0, count: words.count)
        for entry in perArticle { for word in entry.lexicon { documentFrequency[Int(word)] += 1 } }
        let byLetter = Dictionary(grouping: documentFrequency.indices.filter { documentFrequency[$0] > 0 }) {
            Self.lexiconKey(for: words[$0])
        }
        var lexicon: [(String, String)] = []
        for (letter, group) in byLetter.sorted(by: { $0.key < $1.key }) {
            let ordered = group.sorted {
                let a = documentFrequency[$0], b = documentFrequency[$1]
                return a != b ? a > b : Self.precedes(words[$0], words[$1])
            }
            var json = JSONText()
            json.string(ordered.map { words[$0] }.joined(separator: " "))
            let name = "l/\(letter)"
            files.append(Self.file(name, json.bytes))
            lexicon.append((letter, name))
        }

        // Manifest: the only file every query needs besides its shards.
        var analyzer = Analyzer()
        var json = JSONText()
        json.raw("{\"v\":1,\"n\":"); json.number(count)
        json.raw(",\"g\":"); json.number(Self.groupSize)
        json.raw(",\"k\":"); json.strings(shardKeys)
        json.raw(",\"l\":"); json.strings(lexicon.map(\.0))
        json.raw(",\"p\":")
        json.array(configuration.topics) { json, topic in
            json.raw("["); json.string(topic.slug); json.raw(","); json.string(topic.title); json.raw("]")
        }
        json.raw(",\"s\":")
        json.array(configuration.synonyms) { json, group in
            json.array(group) { json, phrase in json.strings(analyzer.terms(phrase)) }
        }
        json.raw(",\"c\":")
        json.array(CrisisTerms.phrases) { json, phrase in json.strings(TextFolding.words(phrase)) }
        // A hash of everything else: the client adds it to every URL, so a rebuilt index
        // is never mixed with cached files of the previous one.
        let hash = files.reduce(into: FNV1a()) { $0.add($1.data) }.hex
        json.raw(",\"h\":"); json.string(hash)
        json.raw("}")
        files.append(Self.file("manifest", json.bytes))
        return files.sorted { $0.path < $1.path }
    }

    /// Sorts an article's terms and adds up the counts of words that share a term
    /// (`support`, `supporting`), in place. A sorted list, not a dictionary per article:
    /// no hash per word, and less memory while every article's terms wait for the postings.
    private static func mergeRuns(_ terms: inout [(term: Int32, counts: FieldCounts)]) {
        terms.sort { $0.term < $1.term }
        var last = -1
        for index in terms.indices {
            if last >= 0, terms[last].term == terms[index].term {
                terms[last].counts.add(terms[index].counts)
            } else {
                last += 1
                terms[last] = terms[index]
            }
        }
        terms.removeLast(terms.count - (last + 1))
    }

    /// Every distinct folded word, numbered by its bytes, as a String at its number, and its
    /// term there (nil for a stop word): collected per chunk of articles and analysed in parallel.
    private func termTable(for articles: [ArticleWords]) -> (table: WordTable, words: [String], terms: [String?]) {
        let chunks = concurrentChunks(articles) { chunk in
            var distinct = WordTable(expectedWords: 1 << 12)
            for article in chunk { for index in 0..<article.wordCount { _ = distinct.number(article.word(index)) } }
            return distinct
        }
        var table = chunks.first ?? WordTable(expectedWords: 0)
        for chunk in chunks.dropFirst() { for number in 0..<chunk.count { _ = table.number(chunk.word(number)) } }
        let distinct = table
        let words = (0..<distinct.count).map { String(decoding: distinct.word($0), as: UTF8.self) }
        return (distinct, words, concurrentMap(words) { Analyzer.computeTerm($0) })
    }

    /// JavaScript's string order (UTF-16 code units), which the client's binary search uses.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    static func lexiconKey(for word: String) -> String {
        guard let first = word.unicodeScalars.first else { return "_" }
        if (first.value >= 0x61 && first.value <= 0x7A) || (first.value >= 0x30 && first.value <= 0x39) { return String(first) }
        return "_"
    }

    static func file(_ name: String, _ payload: [UInt8]) -> (path: String, data: Data) {
        ("search/\(name).js", Data("__hubSearch(\"\(name)\",".utf8) + payload + Data(");\n".utf8))
    }

    private func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        concurrentChunks(items) { $0.map(transform) }.flatMap { $0 }
    }

    /// `work` on consecutive chunks of `items`, in parallel; the results in chunk order.
    private func concurrentChunks<T: Sendable, R: Sendable>(_ items: [T], _ work: @Sendable (ArraySlice<T>) -> R) -> [R] {
        guard items.count > 64, jobs > 1 else { return [work(items[...])] }
        let chunks = min(jobs * 4, items.count)
        let results = ResultSlots<R>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            results.set(chunk, work(items[(items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)]))
        }
        return results.values.map { $0! }
    }
}

/// Slots filled from several threads, one each.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.lock(); slots[index] = value; lock.unlock() }
    var values: [T?] { lock.lock(); defer { lock.unlock() }; return slots }
}
