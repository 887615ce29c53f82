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
    public static func forEachWord(_ text: String, _ body: (String) -> Void) {
        var current = String.UnicodeScalarView()
        var length = 0
        func flush() {
            if !current.isEmpty { body(String(current)) }
            current = String.UnicodeScalarView()
            length = 0
        }
        for scalar in text.unicodeScalars {
            // Fast path: ASCII needs no decomposition.
            if scalar.value < 0x80 {
                let v = scalar.value
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                    if length < maximumWordLength { current.append(scalar); length += 1 }
                } else if v >= 0x41 && v <= 0x5A {
                    if length < maximumWordLength { current.append(Unicode.Scalar(v + 32)!); length += 1 }
                } else if v == 0x27 {
                    continue // apostrophe: "don't" is one word
                } else {
                    flush()
                }
                continue
            }
            if scalar.value == 0x2019 { continue }
            for folded in fold(scalar) {
                if isWordScalar(folded) {
                    if length < maximumWordLength { current.append(folded); length += 1 }
                } else if !isMark(folded) {
                    flush()
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
