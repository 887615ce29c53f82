import Foundation

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
        /// Character offsets in the scored text.
        public let start: Int
        public let end: Int
        public let words: Int
    }

    /// Scores `text`: plain prose, sentences ended with `.`, `!` or `?`.
    public init(text: String) {
        let hyphenator = Hyphenator.english
        let spans = Self.sentenceSpans(text)
        let counted = spans.filter { $0.words > 2 }
        sentences = max(1, counted.count)
        let wordList = Self.words(in: text)
        words = wordList.count
        // Each distinct word is hyphenated once per article, and looked up in the shared
        // cache before that: articles repeat most of their words, and each other's.
        var cache: [String: Int] = [:]
        var syllableTotal = 0, polysyllableTotal = 0
        for word in wordList {
            let lower = word.lowercased()
            let count: Int
            if let known = cache[lower] {
                count = known
            } else {
                count = SyllableCache.shared.syllables(lower) { hyphenator.syllables(in: $0) }
                cache[lower] = count
            }
            syllableTotal += count
            // textstat counts SMOG's polysyllables per whitespace token after stripping
            // punctuation, which is exactly this word list.
            if count >= 3 { polysyllableTotal += 1 }
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

    /// Python's `\w`: letters, digits and `_`.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// textstat's `remove_punctuation`: everything but word characters and whitespace goes,
    /// so `don't` is one word `dont` and `self-harm` one word `selfharm`.
    static func stripped(_ text: String) -> String {
        // ASCII fast path, byte by byte; anything else goes through Characters.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let kept = text.utf8.filter { byte in
                (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F
                    || byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
            }
            return String(decoding: kept, as: UTF8.self)
        }
        return String(text.filter { isWordCharacter($0) || $0.isWhitespace })
    }

    static func words(in text: String) -> [String] {
        let plain = stripped(text)
        if plain.utf8.allSatisfy({ $0 < 0x80 }) {
            return plain.utf8.split(whereSeparator: isASCIIWhitespace).map { String(decoding: $0, as: UTF8.self) }
        }
        return plain.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    static func isASCIIWord(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F
    }

    /// textstat's sentences, byte by byte for ASCII text (offsets are then also character
    /// offsets), else character by character.
    static func sentenceSpans(_ text: String) -> [SentenceSpan] {
        guard text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return sentenceSpans(Array(text)) }
        let bytes = Array(text.utf8)
        func isWord(_ index: Int) -> Bool { index >= 0 && index < bytes.count && isASCIIWord(bytes[index]) }
        func isStop(_ byte: UInt8) -> Bool { byte == 0x2E || byte == 0x21 || byte == 0x3F }
        var spans: [SentenceSpan] = []
        var index = 0
        while index < bytes.count {
            guard isWord(index - 1) != isWord(index), !isStop(bytes[index]) else {
                index += 1
                continue
            }
            var end = index, words = 0, inToken = false, tokenHasWord = false
            while end < bytes.count, !isStop(bytes[end]) {
                let byte = bytes[end]
                if isASCIIWhitespace(byte) {
                    if inToken, tokenHasWord { words += 1 }
                    inToken = false
                    tokenHasWord = false
                } else {
                    inToken = true
                    if isASCIIWord(byte) { tokenHasWord = true }
                }
                end += 1
            }
            while end < bytes.count, isStop(bytes[end]) { end += 1 }
            if inToken, tokenHasWord { words += 1 }
            spans.append(SentenceSpan(start: index, end: end, words: words))
            index = end
        }
        return spans
    }

    /// textstat's sentences: the regular expression `\b[^.!?]+[.!?]*`, scanned by hand.
    static func sentenceSpans(_ characters: [Character]) -> [SentenceSpan] {
        func isWord(_ index: Int) -> Bool { index >= 0 && index < characters.count && isWordCharacter(characters[index]) }
        func isStop(_ character: Character) -> Bool { character == "." || character == "!" || character == "?" }
        var spans: [SentenceSpan] = []
        var index = 0
        while index < characters.count {
            guard isWord(index - 1) != isWord(index), !isStop(characters[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, !isStop(characters[end]) { end += 1 }
            while end < characters.count, isStop(characters[end]) { end += 1 }
            let words = Self.words(in: String(characters[index..<end])).count
            spans.append(SentenceSpan(start: index, end: end, words: words))
            index = end
        }
        return spans
    }
}

/// Syllable counts shared by every article of a build (hyphenation is the costly part).
final class SyllableCache: @unchecked Sendable {
    static let shared = SyllableCache()
    private var counts: [String: Int] = [:]
    private let lock = NSLock()
    /// Enough for any real vocabulary; beyond it, words are counted without caching.
    private let limit = 500_000

    func syllables(_ word: String, count: (String) -> Int) -> Int {
        lock.lock()
        let known = counts[word]
        lock.unlock()
        if let known { return known }
        let value = count(word)
        lock.lock()
        if counts.count < limit { counts[word] = value }
        lock.unlock()
        return value
    }
}
