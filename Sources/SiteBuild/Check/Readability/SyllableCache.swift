import SearchIndex
import Synchronization

/// Syllable counts by word for a whole build, in tables an article takes for all of its
/// words: one lock per article, none per word. Each thread at work ends up with a table of
/// its own (a word is hyphenated once per table, not once per article), numbered by the
/// word's bytes, so no String is made for a word seen before.
final class SyllableCache: Sendable {
    static let shared = SyllableCache()
    private let idle = Mutex<[Table]>([])

    /// Words and their syllables.
    struct Table {
        private var words = WordTable(expectedWords: 1 << 12)
        private var counts: [Int] = []
        /// Enough for any real vocabulary; past it, new words are counted without keeping.
        private static let limit = 100_000

        /// The syllables of `word` (lower-case UTF-8, no punctuation).
        mutating func syllables(_ word: UnsafeBufferPointer<UInt8>) -> Int {
            if words.count >= Self.limit {
                return words.lookUp(word).map { counts[$0] } ?? Self.count(word)
            }
            let (number, isNew) = words.number(word)
            if isNew { counts.append(Self.count(word)) }
            return counts[number]
        }

        private static func count(_ word: UnsafeBufferPointer<UInt8>) -> Int {
            Hyphenator.english.syllables(in: String(decoding: word, as: UTF8.self))
        }
    }

    /// Runs `body` with a table no other thread is using.
    func withTable<Result>(_ body: (inout Table) -> Result) -> Result {
        var table = idle.withLock { $0.popLast() } ?? Table()
        let result = body(&table)
        idle.withLock { [table] in $0.append(table) }
        return result
    }
}
