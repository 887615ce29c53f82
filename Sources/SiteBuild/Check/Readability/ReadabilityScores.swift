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
        let characters = Array(text)
        let spans = Self.sentenceSpans(characters)
        let counted = spans.filter { $0.words > 2 }
        sentences = max(1, counted.count)
        let wordList = Self.words(in: text)
        words = wordList.count
        syllables = wordList.reduce(0) { $0 + hyphenator.syllables(in: $1.lowercased()) }
        // textstat splits the raw text on whitespace for SMOG, then strips punctuation per word.
        polysyllables = text.split(whereSeparator: \.isWhitespace).reduce(0) { count, token in
            let word = Self.stripped(String(token)).lowercased()
            guard !word.isEmpty else { return count }
            let syllables = Self.words(in: word).reduce(0) { $0 + hyphenator.syllables(in: $1) }
            return syllables >= 3 ? count + 1 : count
        }
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
        String(text.filter { isWordCharacter($0) || $0.isWhitespace })
    }

    static func words(in text: String) -> [String] {
        stripped(text).split(whereSeparator: \.isWhitespace).map(String.init)
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
