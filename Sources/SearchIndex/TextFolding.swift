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
        var words: [String] = []
        forEachWord(text) { words.append($0) }
        return words
    }

    /// Calls `body` with each folded word of `text`.
    ///
    /// Works on UTF-8 bytes with one reused buffer: this runs over every word of every
    /// article, and appending to a `String` scalar by scalar was most of the index's cost.
    public static func forEachWord(_ text: String, _ body: (String) -> Void) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4 * maximumWordLength)
        var length = 0
        func flush() {
            if !buffer.isEmpty { body(String(decoding: buffer, as: UTF8.self)) }
            buffer.removeAll(keepingCapacity: true)
            length = 0
        }
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                        if length < maximumWordLength { buffer.append(byte); length += 1 }
                    } else if byte >= 0x41 && byte <= 0x5A {
                        if length < maximumWordLength { buffer.append(byte + 32); length += 1 }
                    } else if byte != 0x27 { // apostrophe: "don't" is one word
                        flush()
                    }
                    continue
                }
                // A multi-byte scalar (the input is valid UTF-8: it is a Swift String).
                let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                for offset in 1..<width where index + offset < count {
                    value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F)
                }
                index += width
                if value == 0x2019 { continue }
                // General punctuation (dashes, quotes, spaces) separates words.
                if value >= 0x2000 && value <= 0x206F { flush(); continue }
                guard let scalar = Unicode.Scalar(value) else { flush(); continue }
                for folded in fold(scalar) {
                    if isWordScalar(folded) {
                        if length < maximumWordLength { buffer.append(contentsOf: String(folded).utf8); length += 1 }
                    } else if !isMark(folded) {
                        flush()
                    }
                }
            }
        }
        flush()
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
