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
        forEachWord(in: text, into: &words) { words, word in words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with each folded word of `text`.
    public static func forEachWord(_ text: String, _ body: (String) -> Void) {
        var none: Void = ()
        forEachWord(in: text, into: &none) { _, word in body(String(decoding: word, as: UTF8.self)) }
    }

    /// Calls `body` with `state` and each folded word of `text` as UTF-8 (valid only during
    /// the call), in order.
    ///
    /// One pass over the text's bytes into a word buffer on the stack. The state goes in
    /// and out as a parameter rather than captured by the closure, whose every access to a
    /// captured variable would be checked at run time: this runs over every word of every
    /// article, and a String per occurrence, then checked access to the caller's counts,
    /// were most of the index's cost.
    static func forEachWord<State>(in text: String, into state: inout State,
                                   _ body: (inout State, UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * maximumWordLength) { word in
                var count = 0, length = 0, index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        index += 1
                        let lower = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                        if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                            if length < maximumWordLength {
                                word[count] = lower
                                count += 1
                                length += 1
                            }
                        } else if byte != 0x27, count > 0 { // apostrophe: "don't" is one word
                            body(&state, UnsafeBufferPointer(rebasing: word[..<count]))
                            count = 0
                            length = 0
                        }
                        continue
                    }
                    // A multi-byte scalar (the text is valid UTF-8: it is a String).
                    let (value, width) = UTF8Scalar.decode(bytes, at: index)
                    index += width
                    if value == 0x2019 { continue }
                    // General punctuation (dashes, quotes, spaces) separates words.
                    guard !(0x2000...0x206F).contains(value), let scalar = Unicode.Scalar(value) else {
                        if count > 0 {
                            body(&state, UnsafeBufferPointer(rebasing: word[..<count]))
                            count = 0
                            length = 0
                        }
                        continue
                    }
                    for folded in fold(scalar) {
                        if isWordScalar(folded) {
                            guard length < maximumWordLength else { continue }
                            for byte in String(folded).utf8 {
                                word[count] = byte
                                count += 1
                            }
                            length += 1
                        } else if !isMark(folded), count > 0 {
                            body(&state, UnsafeBufferPointer(rebasing: word[..<count]))
                            count = 0
                            length = 0
                        }
                    }
                }
                if count > 0 { body(&state, UnsafeBufferPointer(rebasing: word[..<count])) }
            }
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
