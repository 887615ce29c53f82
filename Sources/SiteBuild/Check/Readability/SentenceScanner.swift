/// textstat's sentences, the regular expression `\b[^.!?]+[.!?]*`, matched one scalar at a
/// time as `ReadabilityScores.read` classes them, each with its number of words: no array
/// of classes is kept and walked again (a byte per scalar of every article's prose).
struct SentenceScanner {
    private enum Mode {
        /// Between sentences, waiting for a word boundary that is not a stop.
        case seeking
        /// Inside a sentence, before its stops.
        case body
        /// The `.`, `!` and `?` that end it.
        case stops
    }

    private var mode = Mode.seeking
    private var previousIsWord = false
    private var start = 0
    private var words = 0
    /// The current token (between white space) holds a word character: it counts as a word.
    private var tokenHasWord = false
    private var spans: [ReadabilityScores.SentenceSpan] = []

    /// The scalar at `index` (in scalars), of class `kind`.
    @inline(__always)
    mutating func add(_ kind: ReadabilityScores.ScalarClass, at index: Int) {
        let isWord = kind == .word
        defer { previousIsWord = isWord }
        if mode == .stops {
            if kind == .stop { return }
            close(at: index)
        }
        if mode == .seeking {
            guard previousIsWord != isWord, kind != .stop else { return }
            mode = .body
            start = index
            words = 0
            tokenHasWord = false
        }
        if kind == .stop {
            mode = .stops
            return
        }
        // Flags, not a switch on the class, whose jump mispredicted on nearly every scalar.
        let isSpace = kind == .whitespace
        words &+= isSpace && tokenHasWord ? 1 : 0
        tokenHasWord = isWord || (tokenHasWord && !isSpace)
    }

    /// The sentences of a text `count` scalars long, once every scalar is added.
    mutating func finish(at count: Int) -> [ReadabilityScores.SentenceSpan] {
        if mode != .seeking { close(at: count) }
        return spans
    }

    private mutating func close(at end: Int) {
        spans.append(ReadabilityScores.SentenceSpan(start: start, end: end, words: words + (tokenHasWord ? 1 : 0)))
        mode = .seeking
    }
}
