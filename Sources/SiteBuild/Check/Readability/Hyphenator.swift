/// Liang's hyphenation algorithm over the patterns pyphen ships, counting syllables the way
/// Python's `textstat` does (hyphenation points + 1), so reading ages agree with it.
struct Hyphenator: Sendable {
    /// Pattern letters → (offset of the first value, the values).
    private let patterns: [String: (offset: Int, values: [UInt8])]
    private let longestPattern: Int
    /// pyphen's defaults: no break within 2 letters of either end.
    private let left = 2, right = 2

    /// American English, parsed once.
    static let english = Hyphenator(patterns: HyphenationPatterns.english)

    init(patterns text: String) {
        var patterns: [String: (offset: Int, values: [UInt8])] = [:]
        var longest = 0
        // By scalar, as words are read: by Character, parsing took 60 ms the first time a
        // word was counted, with every other thread waiting for it.
        for line in text.split(separator: "\n") {
            var letters = String.UnicodeScalarView()
            var values: [UInt8] = []
            var pending: UInt8 = 0
            for scalar in line.unicodeScalars {
                if scalar.value >= 0x30, scalar.value <= 0x39 {
                    pending = UInt8(scalar.value - 0x30)
                } else {
                    values.append(pending)
                    pending = 0
                    letters.append(scalar)
                }
            }
            values.append(pending)
            guard let first = values.firstIndex(where: { $0 != 0 }), let last = values.lastIndex(where: { $0 != 0 }) else { continue }
            patterns[String(letters)] = (first, Array(values[first...last]))
            longest = max(longest, letters.count)
        }
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
        var references = [UInt8](repeating: 0, count: pointed.count + 1)
        for start in 0..<(pointed.count - 1) {
            let stop = min(start + longestPattern, pointed.count)
            var key = String.UnicodeScalarView()
            for end in start..<stop {
                key.append(pointed[end])
                guard let (offset, values) = patterns[String(key)] else { continue }
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
