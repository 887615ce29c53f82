/// One article's words, counted per field: everything the index needs from it.
///
/// Made while the article is rendered (in parallel, one article at a time) and kept apart
/// from the shard assembly, so a preview server can redo one article and reassemble.
public struct ArticleWords: Sendable {
    /// The fields BM25F weighs, in this order.
    public enum Field: Int, CaseIterable, Sendable {
        case title, headings, summary, body
    }

    /// What the results list shows.
    public struct Display: Sendable {
        /// Relative to the site root: `peer-support/`.
        public let url: String
        public let title: String
        public let summary: String
        public let topics: [String]
        /// Heading text and its `id`, for "jump to section" links and highlighted excerpts.
        public let headings: [(text: String, id: String)]

        public init(url: String, title: String, summary: String, topics: [String], headings: [(text: String, id: String)]) {
            self.url = url
            self.title = title
            self.summary = summary
            self.topics = topics
            self.headings = headings
        }
    }

    public let display: Display
    /// Each distinct folded word and its occurrences in each field, in order of first
    /// occurrence (stop words included; the builder drops them).
    public let counts: [(word: String, counts: FieldCounts)]

    /// Counts the words of each field. `body` is the rendered plain text.
    public init(display: Display, body: String) {
        self.display = display
        var tally = WordTally(expectedWords: body.utf8.count / 16)
        func add(_ text: String, _ field: Field) {
            var words = TextFolding.FoldedWords(text)
            while words.advance() { tally.add(words.word, field) }
        }
        add(display.title, .title)
        for heading in display.headings { add(heading.text, .headings) }
        add(display.summary, .summary)
        add(body, .body)
        counts = tally.counts
    }
}

/// Counts words by their UTF-8 bytes in an open-addressed table: a String is made once per
/// distinct word, not once per occurrence, and no word is hashed with SipHash. An article
/// repeats most of its words; this ran over every word of every article.
struct WordTally {
    /// Entry number + 1 for each slot, 0 when empty; the count is a power of two.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    /// Every distinct word's bytes, one after another; entry `i` ends at `ends[i]`.
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private var fieldCounts: [FieldCounts] = []

    init(expectedWords: Int) {
        var size = 64
        while size < 2 * expectedWords { size *= 2 }
        slots = Array(repeating: 0, count: size)
    }

    mutating func add(_ word: [UInt8], _ field: ArticleWords.Field) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if hashes[entry] == hash, arena[(entry == 0 ? 0 : ends[entry - 1])..<ends[entry]].elementsEqual(word) {
                fieldCounts[entry].add(field)
                return
            }
            slot = (slot + 1) & mask
        }
        arena += word
        ends.append(arena.count)
        hashes.append(hash)
        var counts = FieldCounts()
        counts.add(field)
        fieldCounts.append(counts)
        slots[slot] = Int32(fieldCounts.count)
        if 2 * fieldCounts.count > slots.count { grow() }
    }

    /// Every word and its counts, in order of first occurrence.
    var counts: [(word: String, counts: FieldCounts)] {
        fieldCounts.indices.map { entry in
            (String(decoding: arena[(entry == 0 ? 0 : ends[entry - 1])..<ends[entry]], as: UTF8.self), fieldCounts[entry])
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: 2 * slots.count)
        let mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }
}

/// How often one word occurs in each field.
public struct FieldCounts: Sendable, Equatable {
    public var values: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)

    public init() {}

    mutating func add(_ field: ArticleWords.Field, _ amount: Int = 1) {
        func bump(_ value: inout UInt16) { value = UInt16(min(Int(UInt16.max), Int(value) + amount)) }
        switch field {
        case .title: bump(&values.0)
        case .headings: bump(&values.1)
        case .summary: bump(&values.2)
        case .body: bump(&values.3)
        }
    }

    mutating func add(_ other: FieldCounts) {
        add(.title, Int(other.values.0)); add(.headings, Int(other.values.1))
        add(.summary, Int(other.values.2)); add(.body, Int(other.values.3))
    }

    subscript(_ field: ArticleWords.Field) -> Int {
        switch field {
        case .title: Int(values.0)
        case .headings: Int(values.1)
        case .summary: Int(values.2)
        case .body: Int(values.3)
        }
    }

    public static func == (a: FieldCounts, b: FieldCounts) -> Bool { a.values == b.values }
}
