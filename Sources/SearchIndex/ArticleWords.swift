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
    /// Each distinct folded word's UTF-8, in order of first occurrence, one after another:
    /// word `i` ends at `wordEnds[i]`. Bytes, not Strings: the builder numbers them by
    /// their bytes, and a String per word per article cost more than the numbering.
    private let wordBytes: [UInt8]
    private let wordEnds: [Int]
    /// Each word's occurrences in each field, at the word's place (stop words included;
    /// the builder drops them).
    let fieldCounts: [FieldCounts]

    /// How many distinct words the article has.
    var wordCount: Int { wordEnds.count }

    /// The UTF-8 of word `index`.
    func word(_ index: Int) -> ArraySlice<UInt8> {
        wordBytes[(index == 0 ? 0 : wordEnds[index - 1])..<wordEnds[index]]
    }

    /// Counts the words of each field. `body` is the rendered plain text.
    public init(display: Display, body: String) {
        self.display = display
        var tally = WordTally(expectedWords: body.utf8.count / 16)
        func add(_ text: String, _ field: Field) {
            TextFolding.forEachWord(in: text, into: &tally) { tally, word in tally.add(word, field) }
        }
        add(display.title, .title)
        for heading in display.headings { add(heading.text, .headings) }
        add(display.summary, .summary)
        add(body, .body)
        (wordBytes, wordEnds) = tally.table.storage
        fieldCounts = tally.fieldCounts
    }

    /// The counted words alone, for keeping between builds: an article whose text has not
    /// changed gets them back with `init(display:counted:)` instead of counting again.
    public struct Counted: Sendable, Equatable {
        public let wordBytes: [UInt8]
        public let wordEnds: [Int]
        public let fieldCounts: [FieldCounts]

        /// nil unless the parts fit together: one count per word, ends rising within the bytes.
        public init?(wordBytes: [UInt8], wordEnds: [Int], fieldCounts: [FieldCounts]) {
            guard wordEnds.count == fieldCounts.count, zip([0] + wordEnds, wordEnds).allSatisfy({ $0 < $1 }),
                  (wordEnds.last ?? 0) == wordBytes.count else { return nil }
            self.init(checked: (wordBytes, wordEnds, fieldCounts))
        }

        fileprivate init(checked parts: ([UInt8], [Int], [FieldCounts])) {
            (wordBytes, wordEnds, fieldCounts) = parts
        }
    }

    public var counted: Counted { Counted(checked: (wordBytes, wordEnds, fieldCounts)) }

    public init(display: Display, counted: Counted) {
        self.display = display
        wordBytes = counted.wordBytes
        wordEnds = counted.wordEnds
        fieldCounts = counted.fieldCounts
    }
}

/// Each distinct word's counts per field.
struct WordTally {
    private(set) var table: WordTable
    private(set) var fieldCounts: [FieldCounts] = []

    init(expectedWords: Int) {
        table = WordTable(expectedWords: expectedWords)
        fieldCounts.reserveCapacity(expectedWords)
    }

    mutating func add(_ word: UnsafeBufferPointer<UInt8>, _ field: ArticleWords.Field) {
        let (number, isNew) = table.number(word)
        if isNew { fieldCounts.append(FieldCounts()) }
        fieldCounts[number].add(field)
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
