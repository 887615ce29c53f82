import Foundation

/// What every match of a language-guide pattern must contain, as a condition on literal
/// strings, so a block of prose in which the condition fails need not be scanned with the
/// regular expression at all. ICU's scan for a pattern starting with `\b` is slow, and 80 of
/// them over every paragraph of every article dominated the build.
///
/// `\bmental\s+cases?\b` requires "mental" starting a word *and* "case" starting a word, so
/// "mental health" alone rules it out. A literal knows whether the pattern puts a word
/// boundary before or after it (`\b`, or a required `\s`), so "mad" from `\bmad\b` is not
/// found in "made".
///
/// The reading of the pattern is small and conservative: literals, escapes, classes, groups,
/// look-arounds, alternation and quantifiers. Anything it does not understand (inline flags,
/// back-references) makes the condition "always", so a term is never wrongly ruled out.
indirect enum RequiredText: Sendable, Equatable, CustomStringConvertible {
    /// A lower-cased string, and whether it must start or end a word.
    case literal(Literal)
    case all([RequiredText])
    case any([RequiredText])

    struct Literal: Sendable, Hashable {
        let bytes: [UInt8]
        let startsWord: Bool
        let endsWord: Bool
        /// The character before is a digit or not part of a word (`\d+\s*st\b`): "st" in
        /// "5 st" or "5st", never in "first".
        var afterNonLetter = false
        /// A negative look-ahead straight after the literal, `mental\b(?!\s*(?:health|illness))`:
        /// an occurrence followed by one of these words is no match, so it is not counted.
        var notFollowedBy = AdjacentWords.none
        /// What the pattern puts straight before the literal, `(?:is|was)\s+mental`: an
        /// occurrence after none of these words is no match, so it is not counted.
        var precededBy = AdjacentWords.none
    }

    /// Words beside a literal, with the white space the pattern allows or needs between.
    struct AdjacentWords: Sendable, Hashable {
        /// What may come between the literal and the words.
        enum Space: Sendable, Hashable {
            /// The words follow at once.
            case none
            /// `\s*`.
            case optional
            /// `\s+`.
            case required
        }

        /// Lower-cased, each starting with a letter or digit.
        let words: [[UInt8]]
        let space: Space

        static let none = AdjacentWords(words: [], space: .none)

        /// `(health/illness)`, for `RequiredText.description`.
        var listed: String { "(" + words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/") + ")" }

        /// Whether `text` up to `end` may end with one of the words and then the white
        /// space. Only ASCII white space is skipped, so where other bytes stand in the way
        /// (a no-break space, which `\s` takes) the answer is yes: in doubt, it counts.
        func mayPrecede(_ text: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
            var index = end
            if space != .none {
                while index > 0, Self.isSpace(text[index - 1]) { index -= 1 }
            }
            let endsWithWord = words.contains { word in
                index >= word.count && text[(index - word.count)..<index].elementsEqual(word)
            }
            if endsWithWord, space != .required || index < end { return true }
            return index > 0 && text[index - 1] >= 0x80
        }

        /// The words the text before this point is known to end with, whichever of them.
        func union(_ other: AdjacentWords) -> AdjacentWords? {
            guard space == other.space else { return nil }
            return AdjacentWords(words: words + other.words.filter { !words.contains($0) }, space: space)
        }

        /// Whether `text` from `start` holds one of the words, after the white space
        /// allowed. Only ASCII white space is skipped, so in doubt the answer is no (a
        /// look-ahead's `\s` takes more) and the occurrence still counts.
        func match(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
            var index = start
            if space != .none {
                while index < text.count, Self.isSpace(text[index]) { index += 1 }
            }
            if space == .required, index == start { return false }
            return words.contains { word in
                index + word.count <= text.count && text[index..<(index + word.count)].elementsEqual(word)
            }
        }

        /// ASCII white space, as ICU's `\s` has it.
        private static func isSpace(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: true
            default: false
            }
        }
    }

    /// The condition every match of `pattern` meets, or nil when the pattern gives none.
    static func of(_ pattern: String) -> RequiredText? {
        var parser = Parser(characters: Array(pattern))
        let result = parser.alternation(before: .unknown, after: .unknown).condition
        guard !parser.failed, parser.index == parser.characters.count else { return nil }
        return result
    }

    /// `|mental` starts a word, `case|` ends one, `^st` follows no letter, `(is/was)_mental`
    /// follows one of those words and white space (`~`: optional white space); `&` joins
    /// what is all required, `/` the alternatives.
    var description: String {
        switch self {
        case let .literal(literal):
            let excluded = literal.notFollowedBy.words.isEmpty ? "" : " !" + literal.notFollowedBy.listed
            let preceding = literal.precededBy.words.isEmpty ? ""
                : literal.precededBy.listed + (literal.precededBy.space == .none ? "" : literal.precededBy.space == .optional ? "~" : "_")
            return preceding + (literal.startsWord ? "|" : literal.afterNonLetter ? "^" : "") + String(decoding: literal.bytes, as: UTF8.self)
                + (literal.endsWord ? "|" : "") + excluded
        case let .all(parts): return "(" + parts.map(\.description).joined(separator: " & ") + ")"
        case let .any(parts): return "(" + parts.map(\.description).joined(separator: " / ") + ")"
        }
    }
}

extension RequiredText.Literal {
    /// A byte that is part of a word for ICU's `\b`. Bytes of non-ASCII characters count as
    /// not part of one, which can only let more text through (a curly quote is not a letter).
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    /// A byte that is a word character but not a digit for ICU. Non-ASCII bytes count as
    /// not one, which again can only let more text through.
    static func isLetterByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }
}

extension RequiredText {
    private struct Parser {
        let characters: [Character]
        var index = 0
        var failed = false

        /// Branches separated by `|`, up to `)` or the end: any of the branches' conditions.
        /// `before` and `after` say what the text around the branches is known to be.
        /// Also says what every branch is known to end with: the context, and which words
        /// (nil: not known). `preceding` is the words the text before the branches ends with.
        mutating func alternation(before: Context, after: Context,
                                  preceding: AdjacentWords? = nil) -> (condition: RequiredText?, end: Context, ending: AdjacentWords?) {
            var branches: [RequiredText] = []
            var unconditional = false
            var end: Context?
            // nil before the first branch; `.some(nil)` once any branch's ending is unknown.
            var ending: AdjacentWords??
            while true {
                let branch = sequence(before: before, after: after, preceding: preceding)
                if failed { return (nil, .unknown, nil) }
                if let condition = branch.condition { branches.append(condition) } else { unconditional = true }
                end = end.map { $0.meet(branch.end) } ?? branch.end
                ending = ending.map { known in known.flatMap { words in branch.ending.flatMap(words.union) } } ?? branch.ending
                guard index < characters.count, characters[index] == "|" else { break }
                index += 1
            }
            if unconditional || branches.isEmpty { return (nil, end ?? .unknown, ending ?? nil) }
            return (branches.count == 1 ? branches[0] : .any(branches), end ?? .unknown, ending ?? nil)
        }

        /// What the text next to a point in the pattern is known to be.
        enum Context {
            case unknown
            /// A `\b`: a word character there has a non-word one (or the text's end) beside it.
            case boundary
            /// A required `\s`: a non-word character is beside it.
            case nonWord
            /// A required `\d`.
            case digit
            /// A digit or a non-word character (`\d+\s*`).
            case digitOrNonWord

            /// Whether a literal run with `character` at this edge starts or ends a word.
            func bounds(_ character: Character) -> Bool {
                self == .nonWord || (self == .boundary && Parser.isWordCharacter(character))
            }

            /// Whether the character beside is known not to be a letter (nor `_`).
            var isNotLetter: Bool { self == .nonWord || self == .digit || self == .digitOrNonWord }

            /// What is known when either may hold.
            func meet(_ other: Context) -> Context {
                if self == other { return self }
                return isNotLetter && other.isNotLetter ? .digitOrNonWord : .unknown
            }
        }

        /// One branch: all of its required literal runs and groups, what it ends with, and
        /// the words it is known to end with.
        mutating func sequence(before start: Context, after end: Context,
                               preceding: AdjacentWords?) -> (condition: RequiredText?, end: Context, ending: AdjacentWords?) {
            var required: [RequiredText] = []
            // The literal run being read, in every spelling its optional characters allow
            // (`patients?` is "patient" or "patients"), each with the same first character.
            var run: [[Character]] = []
            var runStartsWord = false, runAfterNonLetter = false
            var runPrecededBy = AdjacentWords.none
            var before = start
            // The words the text up to here is known to end with, and the white space after
            // them (nil: not known); a run starting here is preceded by them.
            var ending = preceding
            // The run that ended just here (only `\b` since) and where it is in `required`: a
            // negative look-ahead at this point applies right after it.
            var endedRun: (index: Int, literals: [Literal])?
            func condition(_ literals: [Literal]) -> RequiredText {
                literals.count == 1 ? .literal(literals[0]) : .any(literals.map(RequiredText.literal))
            }
            func endRun(_ next: Context) {
                let literals = run.map { spelling in
                    Literal(bytes: Array(String(spelling).lowercased().utf8), startsWord: runStartsWord,
                            endsWord: spelling.last.map(next.bounds) ?? false, afterNonLetter: runAfterNonLetter,
                            precededBy: runPrecededBy)
                }
                if !literals.isEmpty {
                    required.append(condition(literals))
                    endedRun = (required.count - 1, literals)
                    ending = AdjacentWords(words: literals.map(\.bytes), space: .none)
                }
                run = []
            }
            func startRun(_ character: Character) {
                run = [[]]
                runStartsWord = before.bounds(character)
                runAfterNonLetter = before.isNotLetter && character.isLetter
                runPrecededBy = ending ?? .none
                ending = nil
            }
            while index < characters.count, characters[index] != "|", characters[index] != ")" {
                let atom = self.atom(before: before, end: end, preceding: ending)
                if failed { return (nil, .unknown, nil) }
                let (minimum, maximum) = quantifier()
                if failed { return (nil, .unknown, nil) }
                if case let .negativeLookahead(following) = atom {
                    endRun(.unknown)
                    if let following, let ended = endedRun, minimum > 0 {
                        required[ended.index] = condition(ended.literals.map { literal in
                            var literal = literal
                            literal.notFollowedBy = following
                            return literal
                        })
                    }
                    endedRun = nil
                    before = .unknown
                    ending = nil
                    continue
                }
                switch atom {
                case let .literal(character):
                    if minimum == 1, maximum == 1 {
                        if run.isEmpty { startRun(character) }
                        run = run.map { $0 + [character] }
                    } else if minimum == 0, maximum == 1, !run.isEmpty, run.count < Self.maximumSpellings {
                        run += run.map { $0 + [character] }
                    } else if minimum == 0 {
                        endRun(.unknown)
                        ending = nil
                    } else {
                        // `x+`, `x{2,}`: the run must hold at least one, and ends there.
                        if run.isEmpty { startRun(character) }
                        run = run.map { $0 + [character] }
                        endRun(.unknown)
                        ending = nil
                    }
                    before = .unknown
                case let .group(condition, groupEnd, groupEnding):
                    endRun(.unknown)
                    if minimum > 0, let condition { required.append(condition) }
                    before = minimum > 0 ? groupEnd : before.meet(groupEnd)
                    // Text after an optional group ends as before it, or as the group does.
                    ending = minimum > 0 ? groupEnding : ending.flatMap { words in groupEnding.flatMap(words.union) }
                case .wordBoundary:
                    endRun(.boundary)
                    before = .boundary
                case .digit:
                    endRun(.unknown)
                    if minimum > 0 { required.append(.any((0...9).map { .literal(Literal(bytes: Array("\($0)".utf8), startsWord: false, endsWord: false)) })) }
                    before = minimum > 0 ? .digit : .unknown
                    ending = nil
                case .whitespace:
                    endRun(minimum > 0 ? .nonWord : .unknown)
                    before = minimum > 0 ? .nonWord : before.meet(.nonWord)
                    ending = ending.flatMap { words in
                        words.space == .none ? AdjacentWords(words: words.words, space: minimum > 0 ? .required : .optional) : nil
                    }
                case .other, .negativeLookahead:
                    endRun(.unknown)
                    before = .unknown
                    ending = nil
                }
                // Only a `\b` may stand between a run and the look-ahead that applies to it
                // (a run still open sets `endedRun` when it ends).
                if case .wordBoundary = atom {} else if run.isEmpty { endedRun = nil }
            }
            endRun(end)
            return (required.isEmpty ? nil : required.count == 1 ? required[0] : .all(required), before, ending)
        }

        /// Spellings of one run worth telling apart; beyond this the run is cut.
        static let maximumSpellings = 16

        static func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_"
        }

        enum Atom {
            case literal(Character)
            case group(RequiredText?, end: Context, ending: AdjacentWords?)
            /// `(?!…)`, with the words it rules out when it reads as simple ones.
            case negativeLookahead(AdjacentWords?)
            case wordBoundary
            case whitespace
            case digit
            case other
        }

        mutating func atom(before: Context, end: Context, preceding: AdjacentWords?) -> Atom {
            let character = characters[index]
            index += 1
            switch character {
            case "\\":
                guard index < characters.count else { failed = true; return .other }
                let escaped = characters[index]
                index += 1
                switch escaped {
                case "b": return .wordBoundary
                case "s": return .whitespace
                case "d": return .digit
                case "p", "P":
                    if index < characters.count, characters[index] == "{" {
                        while index < characters.count, characters[index] != "}" { index += 1 }
                        index += 1
                    }
                    return .other
                default:
                    if escaped.isNumber { failed = true; return .other }
                    return escaped.isLetter ? .other : .literal(escaped)
                }
            case "[":
                index = endOfClass(from: index)
                guard index < characters.count else { failed = true; return .other }
                index += 1
                return .other
            case "(":
                var lookaround = false, negativeLookahead = false
                if index < characters.count, characters[index] == "?" {
                    index += 1
                    guard index < characters.count else { failed = true; return .other }
                    switch characters[index] {
                    case ":": index += 1
                    case "=": index += 1; lookaround = true
                    case "!": index += 1; lookaround = true; negativeLookahead = true
                    case "<":
                        index += 1
                        if index < characters.count, characters[index] == "=" || characters[index] == "!" {
                            index += 1
                            lookaround = true
                        } else {
                            while index < characters.count, characters[index] != ">" { index += 1 }
                            index += 1
                        }
                    default: failed = true; return .other
                    }
                }
                // Inside a group that occurs at most once, its branches sit between what
                // precedes and what follows the group.
                let outside = lookaround ? nil : context(afterGroupFrom: index, enclosingEnd: end)
                let contentStart = index
                // What precedes the group precedes its branches too, unless it may repeat.
                let inner = alternation(before: outside == nil ? .unknown : before, after: outside ?? .unknown,
                                        preceding: outside == nil ? nil : preceding)
                guard !failed, index < characters.count, characters[index] == ")" else { failed = true; return .other }
                index += 1
                if negativeLookahead { return .negativeLookahead(Self.followingWords(characters[contentStart..<(index - 1)])) }
                return lookaround ? .other : .group(inner.condition, end: inner.end, ending: inner.ending)
            case ".", "^", "$":
                return .other
            case "*", "+", "?", "{", ")", "|":
                failed = true
                return .other
            default:
                return .literal(character)
            }
        }

        /// What follows the group whose contents start at `start`, or nil when the group may
        /// repeat (its branches would then border each other). At the end of the enclosing
        /// branch, what follows that branch follows the group too.
        func context(afterGroupFrom start: Int, enclosingEnd: Context) -> Context? {
            var depth = 1, position = start
            while position < characters.count, depth > 0 {
                switch characters[position] {
                case "\\": position += 1
                case "[": position = endOfClass(from: position + 1)
                case "(": depth += 1
                case ")": depth -= 1
                default: break
                }
                position += 1
            }
            guard depth == 0 else { return nil }
            if position < characters.count {
                switch characters[position] {
                case "+", "*", "{": return nil
                case "?": position += 1
                default: break
                }
            }
            guard position < characters.count, characters[position] != ")", characters[position] != "|" else { return enclosingEnd }
            guard characters[position] == "\\", position + 1 < characters.count else { return .unknown }
            switch characters[position + 1] {
            case "b": return .boundary
            case "s":
                let quantifier = position + 2 < characters.count ? characters[position + 2] : " "
                return quantifier == "?" || quantifier == "*" || quantifier == "{" ? .unknown : .nonWord
            default: return .unknown
            }
        }

        /// The words a negative look-ahead rules out, when it reads `\s*` or `\s+` (or
        /// nothing) and then a word or `(?:word|word…)` of letters, digits, `-` and `'`;
        /// nil for anything else, which then rules nothing out.
        static func followingWords(_ content: ArraySlice<Character>) -> AdjacentWords? {
            var rest = content[...]
            var space = AdjacentWords.Space.none
            if rest.starts(with: ["\\", "s"]), rest.count > 2, rest[rest.startIndex + 2] == "*" || rest[rest.startIndex + 2] == "+" {
                space = rest[rest.startIndex + 2] == "+" ? .required : .optional
                rest = rest.dropFirst(3)
            }
            if rest.starts(with: ["(", "?", ":"]), rest.last == ")" { rest = rest.dropFirst(3).dropLast() }
            let words = rest.split(separator: "|", omittingEmptySubsequences: false)
            let plain = words.allSatisfy { word in
                guard let first = word.first, first.isLetter || first.isNumber else { return false }
                return word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" }
            }
            guard plain else { return nil }
            return AdjacentWords(words: words.map { Array(String($0).lowercased().utf8) }, space: space)
        }

        /// The index of the `]` closing a class whose contents start at `start`.
        func endOfClass(from start: Int) -> Int {
            var position = start
            if position < characters.count, characters[position] == "^" { position += 1 }
            if position < characters.count, characters[position] == "]" { position += 1 }
            while position < characters.count, characters[position] != "]" {
                if characters[position] == "\\" { position += 1 }
                position += 1
            }
            return position
        }

        /// The quantifier after an atom: its least and greatest counts (nil: no limit); (1, 1)
        /// without one.
        mutating func quantifier() -> (Int, Int?) {
            guard index < characters.count else { return (1, 1) }
            var bounds: (Int, Int?)
            switch characters[index] {
            case "?": bounds = (0, 1); index += 1
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "{":
                index += 1
                var numbers: [String] = [""]
                while index < characters.count, characters[index] != "}" {
                    if characters[index] == "," { numbers.append("") } else { numbers[numbers.count - 1].append(characters[index]) }
                    index += 1
                }
                guard index < characters.count, let least = Int(numbers[0]) else { failed = true; return (1, 1) }
                index += 1
                bounds = (least, numbers.count == 1 ? least : Int(numbers[1]))
            default:
                return (1, 1)
            }
            // Lazy or possessive forms.
            if index < characters.count, characters[index] == "?" || characters[index] == "+" { index += 1 }
            return bounds
        }
    }
}
