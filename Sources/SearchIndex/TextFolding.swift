/// Unicode normalisation, case and diacritic folding, and tokenisation: text → words.
///
/// Twin of `words()` in Resources/hub-search.js: NFKD, marks dropped, lowercased, a few
/// letters that do not decompose spelled out, apostrophes removed inside words, then
/// runs of letters and digits.
public enum TextFolding {
    /// Words longer than this are cut: nobody searches for them, and they bloat the index.
    public static let maximumWordLength = 40

    private static let spelledOut: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "þ": "th", "ð": "d",
    ]

    /// The folded words of `text`, in order, stop words included.
    public static func words(_ text: String) -> [String] {
        Array(FoldedWords(text))
    }

    /// Calls `body` with each folded word of `text`.
    public static func forEachWord(_ text: String, _ body: (String) -> Void) {
        for word in FoldedWords(text) { body(word) }
    }

    /// The folded words of a text, one at a time.
    ///
    /// Works on UTF-8 bytes with one reused buffer, and as an iterator rather than a
    /// callback: this runs over every word of every article, and appending to a `String`
    /// scalar by scalar, then a closure's checked access to its caller's dictionary, were
    /// most of the index's cost.
    public struct FoldedWords: Sequence, IteratorProtocol {
        private let bytes: [UInt8]
        private var index = 0
        private var buffer: [UInt8] = []
        private var length = 0
        /// Words finished inside one scalar's folding (`½` → `1`, `2`), not yet returned.
        private var ready: [[UInt8]] = []
        /// The word the last `advance()` found, as UTF-8.
        private(set) var word: [UInt8] = []

        public init(_ text: String) {
            bytes = Array(text.utf8)
            buffer.reserveCapacity(4 * maximumWordLength)
            word.reserveCapacity(4 * maximumWordLength)
        }

        public mutating func next() -> String? {
            advance() ? String(decoding: word, as: UTF8.self) : nil
        }

        /// Moves to the next word and leaves it in `word`; false at the end. Counting by
        /// bytes makes no String for a word already seen.
        mutating func advance() -> Bool {
            while true {
                if !ready.isEmpty {
                    word = ready.removeFirst()
                    return true
                }
                guard index < bytes.count else { return flush() }
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                        append(byte)
                    } else if byte >= 0x41 && byte <= 0x5A {
                        append(byte + 32)
                    } else if byte != 0x27, flush() { // apostrophe: "don't" is one word
                        return true
                    }
                    continue
                }
                // A multi-byte scalar (the input is valid UTF-8: it came from a String).
                let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                for offset in 1..<width where index + offset < bytes.count {
                    value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F)
                }
                index += width
                if value == 0x2019 { continue }
                // General punctuation (dashes, quotes, spaces) separates words.
                guard !(0x2000...0x206F).contains(value), let scalar = Unicode.Scalar(value) else {
                    if flush() { return true }
                    continue
                }
                for folded in fold(scalar) {
                    if isWordScalar(folded) {
                        if length < maximumWordLength {
                            buffer.append(contentsOf: String(folded).utf8)
                            length += 1
                        }
                    } else if !isMark(folded), flush() {
                        ready.append(word)
                    }
                }
            }
        }

        private mutating func append(_ byte: UInt8) {
            guard length < maximumWordLength else { return }
            buffer.append(byte)
            length += 1
        }

        /// Moves the word being read into `word`; false if there is none.
        private mutating func flush() -> Bool {
            guard !buffer.isEmpty else { return false }
            swap(&word, &buffer)
            buffer.removeAll(keepingCapacity: true)
            length = 0
            return true
        }
    }

    /// One non-ASCII scalar, decomposed (NFKD), lowercased, marks dropped.
    private static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for decomposed in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars where !isMark(decomposed) {
            for lower in decomposed.properties.lowercaseMapping.unicodeScalars {
                if let spelled = spelledOut[lower] { out.append(contentsOf: spelled.unicodeScalars) } else { out.append(lower) }
            }
        }
        return out
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}
