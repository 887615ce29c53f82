import Foundation
import SearchIndex

/// Readability figures for one text, counted the way Python's `textstat` 0.7 counts them
/// (DOMAIN.md §3.2 formulas; syllables from the same hyphenation patterns), so an editor
/// who checks a page with textstat sees the same reading age.
public struct ReadabilityScores: Sendable, Hashable {
    public let sentences: Int
    public let words: Int
    public let syllables: Int
    /// Words of three or more syllables (for SMOG).
    public let polysyllables: Int
    /// Words per sentence.
    public let meanSentenceLength: Double
    public let fleschReadingEase: Double
    /// US school grade; UK reading age is about grade + 5.
    public let fleschKincaidGrade: Double
    /// Only with 30 or more sentences: SMOG is not valid on less.
    public let smog: Double?
    /// Sentences with their word counts and where they start in the scored text.
    public let sentenceSpans: [SentenceSpan]

    /// A sentence as `textstat` delimits it.
    public struct SentenceSpan: Sendable, Hashable {
        /// Unicode scalar offsets in the scored text.
        public let start: Int
        public let end: Int
        public let words: Int
    }

    /// Scores `text`: plain prose, sentences ended with `.`, `!` or `?`.
    public init(text: String) {
        self.init(utf8: Array(text.utf8))
    }

    /// Scores as counted before (`DocumentCache`).
    init(sentences: Int, words: Int, syllables: Int, polysyllables: Int, meanSentenceLength: Double,
         fleschReadingEase: Double, fleschKincaidGrade: Double, smog: Double?, sentenceSpans: [SentenceSpan]) {
        self.sentences = sentences
        self.words = words
        self.syllables = syllables
        self.polysyllables = polysyllables
        self.meanSentenceLength = meanSentenceLength
        self.fleschReadingEase = fleschReadingEase
        self.fleschKincaidGrade = fleschKincaidGrade
        self.smog = smog
        self.sentenceSpans = sentenceSpans
    }

    /// Scores the text whose UTF-8 is `utf8`.
    init(utf8: [UInt8]) {
        // Python counts in code points, and so do we: each scalar is classed once, ASCII
        // by table, which also keeps curly quotes and dashes off the slow Character path.
        let (spans, wordList) = Self.read(utf8)
        let counted = spans.filter { $0.words > 2 }
        sentences = max(1, counted.count)
        words = wordList.count
        // Each word looked up by its bytes in a table of the build's words and their
        // syllables (hyphenation is the costly part, and articles share most words).
        var syllableTotal = 0, polysyllableTotal = 0
        SyllableCache.shared.withTable { table in
            wordList.bytes.withUnsafeBufferPointer { bytes in
                for index in 0..<wordList.count {
                    let count = table.syllables(UnsafeBufferPointer(rebasing: bytes[wordList.range(index)]))
                    syllableTotal += count
                    // textstat counts SMOG's polysyllables per whitespace token after
                    // stripping punctuation, which is exactly this word list.
                    if count >= 3 { polysyllableTotal += 1 }
                }
            }
        }
        syllables = syllableTotal
        polysyllables = polysyllableTotal
        // textstat rounds both means to one decimal before the formulas; so do we, or the
        // grades would differ by up to 0.6 on identical counts (11.8 × 0.05).
        let perSentence = words == 0 ? 0 : Self.roundedToTenths(Double(words) / Double(sentences))
        let perWord = words == 0 ? 0 : Self.roundedToTenths(Double(syllables) / Double(words))
        meanSentenceLength = perSentence
        fleschReadingEase = 206.835 - 1.015 * perSentence - 84.6 * perWord
        fleschKincaidGrade = 0.39 * perSentence + 11.8 * perWord - 15.59
        smog = sentences >= 30 ? 1.043 * (30 * Double(polysyllables) / Double(sentences)).squareRoot() + 3.1291 : nil
        sentenceSpans = spans
    }

    /// textstat's `_legacy_round(x, 1)`: half away from zero.
    static func roundedToTenths(_ value: Double) -> Double {
        (value * 10 + (value < 0 ? -0.5 : 0.5)).rounded(.down) / 10
    }

    /// What a code point is to textstat's regular expressions and `str.split()`.
    enum ScalarClass: UInt8 {
        /// Python's `\w`: letters, digits and `_`.
        case word
        case whitespace
        /// `.`, `!` or `?`: the end of a sentence.
        case stop
        /// Punctuation and symbols: removed before words are counted.
        case other

        init(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x5F: self = .word
            case 0x20, 0x09...0x0D: self = .whitespace
            case 0x2E, 0x21, 0x3F: self = .stop
            case 0..<0x80: self = .other
            default:
                if scalar.properties.isWhitespace {
                    self = .whitespace
                } else {
                    switch scalar.properties.generalCategory {
                    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                         .decimalNumber, .letterNumber, .otherNumber:
                        self = .word
                    default:
                        self = .other
                    }
                }
            }
        }
    }

    /// textstat's words, lower-cased, as one buffer of UTF-8 and where each word ends.
    struct WordList {
        var bytes: [UInt8] = []
        var ends: [Int] = []

        var count: Int { ends.count }

        func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }
    }

    /// ASCII's classes, by byte.
    private static let asciiClasses: [ScalarClass] = (0..<128).map { ScalarClass(Unicode.Scalar(UInt8($0))) }

    /// textstat's sentences (`SentenceScanner`) and words: `remove_punctuation` (everything
    /// but word characters and whitespace goes, so `don't` is one word `dont` and `self-harm`
    /// one word `selfharm`), then `split()`, lower-cased for hyphenation. One pass, in UTF-8.
    static func read(_ text: [UInt8]) -> (sentences: [SentenceSpan], words: WordList) {
        // Written through an unchecked buffer sized for the worst case (one lower-cased byte
        // per input byte; lower-casing never more than triples a scalar's bytes), with no
        // nested function capturing a counter (each capture is checked for exclusive access
        // at run time): this runs over every byte of every article's prose.
        var ends: [Int] = []
        var spans: [SentenceSpan] = []
        let ascii = asciiClasses
        let bytes = [UInt8](unsafeUninitializedCapacity: 3 * text.count) { words, wordBytes in
            (wordBytes, spans) = text.withUnsafeBufferPointer { text in
                // The counters are this closure's own: captured from outside, each was
                // loaded and stored through memory on every byte (the buffer writes
                // might have aliased them).
                var written = 0, scalarCount = 0, wordEnd = 0
                var sentences = SentenceScanner()
                var index = 0
                while index < text.count {
                    let byte = text[index]
                    let kind: ScalarClass
                    if byte < 0x80 {
                        // Bytes, not scalars, for ASCII: nearly all prose is.
                        index += 1
                        kind = ascii[Int(byte)]
                        if kind == .word {
                            words[written] = byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)
                            written += 1
                        }
                    } else {
                        // A multi-byte scalar (the text came from a String, so it is valid UTF-8).
                        let (value, width) = UTF8Scalar.decode(text, at: index)
                        index += width
                        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                        kind = ScalarClass(scalar)
                        if kind == .word {
                            let lower = scalar.properties.changesWhenLowercased ? scalar.properties.lowercaseMapping : String(scalar)
                            for byte in lower.utf8 where written < words.count {
                                words[written] = byte
                                written += 1
                            }
                        }
                    }
                    sentences.add(kind, at: scalarCount)
                    scalarCount += 1
                    if kind == .whitespace, written > wordEnd {
                        ends.append(written)
                        wordEnd = written
                    }
                }
                if written > wordEnd { ends.append(written) }
                return (written, sentences.finish(at: scalarCount))
            }
        }
        return (spans, WordList(bytes: bytes, ends: ends))
    }
}
