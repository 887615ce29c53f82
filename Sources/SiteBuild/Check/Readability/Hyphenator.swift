import SearchIndex

/// Liang's hyphenation algorithm over the patterns pyphen ships, counting syllables the way
/// Python's `textstat` does (hyphenation points + 1), so reading ages agree with it.
struct Hyphenator: Sendable {
    /// Pattern letters, numbered by their UTF-8 (a word asks for every piece of itself:
    /// as `String` keys, each piece cost a String and a SipHash), and for each number the
    /// offset of its first value and the values.
    private let keys: WordTable
    private let patterns: [(offset: Int, values: [UInt8])]
    private let longestPattern: Int
    /// pyphen's defaults: no break within 2 letters of either end.
    private let left = 2, right = 2

    /// American English, parsed once.
    static let english = Hyphenator(patterns: HyphenationPatterns.english)

    init(patterns text: String) {
        var keys = WordTable(expectedWords: 1 << 14)
        var patterns: [(offset: Int, values: [UInt8])] = []
        var longest = 0
        // By byte, a line at a time: by Character, parsing took 60 ms the first time a word
        // was counted, with every other thread waiting for it; by scalar, 20 ms.
        var text = text
        text.withUTF8 { bytes in
            for line in bytes.split(separator: 0x0A) {
                var letters: [UInt8] = [], values: [UInt8] = []
                var pending: UInt8 = 0, scalars = 0
                for byte in line {
                    if byte >= 0x30, byte <= 0x39 {
                        pending = byte - 0x30
                    } else {
                        // A value before each letter; a continuation byte is part of the last one.
                        if byte & 0xC0 != 0x80 {
                            values.append(pending)
                            pending = 0
                            scalars += 1
                        }
                        letters.append(byte)
                    }
                }
                values.append(pending)
                guard let first = values.firstIndex(where: { $0 != 0 }), let last = values.lastIndex(where: { $0 != 0 }) else { continue }
                let (number, isNew) = keys.number(letters[...])
                let pattern = (first, Array(values[first...last]))
                // A repeated pattern replaces the earlier one, as a dictionary's key would.
                if isNew { patterns.append(pattern) } else { patterns[number] = pattern }
                longest = max(longest, scalars)
            }
        }
        self.keys = keys
        self.patterns = patterns
        self.longestPattern = longest
    }

    /// Syllables in one lower-case word without punctuation: hyphenation points + 1.
    func syllables(in word: String) -> Int {
        points(in: word) + 1
    }

    /// The number of places `word` may be hyphenated.
    func points(in word: String) -> Int {
        let letters = Array(word.unicodeScalars)
        let pointed: [Unicode.Scalar] = ["."] + letters + ["."]
        // The pointed word's UTF-8, and where each scalar starts in it.
        var bytes: [UInt8] = [], starts: [Int] = []
        for scalar in pointed {
            starts.append(bytes.count)
            UTF8.encode(scalar) { bytes.append($0) }
        }
        starts.append(bytes.count)
        var references = [UInt8](repeating: 0, count: pointed.count + 1)
        for start in 0..<(pointed.count - 1) {
            let stop = min(start + longestPattern, pointed.count)
            for end in start..<stop {
                guard let number = keys.lookUp(bytes[starts[start]..<starts[end + 1]]) else { continue }
                let (offset, values) = patterns[number]
                for (index, value) in values.enumerated() where start + offset + index < references.count {
                    references[start + offset + index] = max(references[start + offset + index], value)
                }
            }
        }
        var count = 0
        for (index, reference) in references.enumerated() where reference % 2 == 1 {
            let position = index - 1
            if position >= left && position <= letters.count - right { count += 1 }
        }
        return count
    }
}
