/// Literal strings of which every match of a regular expression contains at least one, so
/// a term whose strings are all absent from an article need not be scanned at all (ICU's
/// scan for a pattern starting with `\b` is slow; 80 of them per article dominated a build).
///
/// A small, conservative reading of the pattern: literals, escapes, classes, groups,
/// look-arounds, alternation and quantifiers. Anything it does not understand (inline
/// flags, back-references) gives nil, meaning "always scan".
enum RequiredLiterals {
    /// Lower-cased strings, or nil when the pattern gives no guarantee.
    static func of(_ pattern: String) -> [String]? {
        var parser = Parser(characters: Array(pattern.lowercased()))
        guard let result = parser.alternation(), parser.index == parser.characters.count else { return nil }
        return result
    }

    private struct Parser {
        let characters: [Character]
        var index = 0
        var failed = false

        /// Branches separated by `|`, up to `)` or the end: the union of the branches' sets.
        mutating func alternation() -> [String]? {
            var union: [String] = []
            var unknown = false
            while true {
                let branch = sequence()
                if failed { return nil }
                if let branch { union += branch } else { unknown = true }
                guard index < characters.count, characters[index] == "|" else { break }
                index += 1
            }
            return unknown ? nil : union
        }

        /// One branch: the mandatory part with the longest shortest string.
        mutating func sequence() -> [String]? {
            var candidates: [[String]] = []
            var run = ""
            func endRun() {
                if !run.isEmpty { candidates.append([run]) }
                run = ""
            }
            while index < characters.count, characters[index] != "|", characters[index] != ")" {
                let atom = self.atom()
                if failed { return nil }
                let (minimum, isQuantified) = quantifier()
                if failed { return nil }
                switch atom {
                case let .literal(character):
                    if minimum == 0 {
                        endRun()
                    } else {
                        run.append(character)
                        if isQuantified { endRun() }
                    }
                case let .group(set):
                    endRun()
                    if minimum > 0, let set { candidates.append(set) }
                case .other:
                    endRun()
                }
            }
            endRun()
            return candidates.filter { !$0.isEmpty }.max { shortest($0) < shortest($1) }
        }

        func shortest(_ set: [String]) -> Int { set.map(\.count).min() ?? 0 }

        enum Atom {
            case literal(Character)
            case group([String]?)
            case other
        }

        mutating func atom() -> Atom {
            let character = characters[index]
            index += 1
            switch character {
            case "\\":
                guard index < characters.count else { failed = true; return .other }
                let escaped = characters[index]
                index += 1
                if escaped.isLetter {
                    if escaped == "p", index < characters.count, characters[index] == "{" {
                        while index < characters.count, characters[index] != "}" { index += 1 }
                        index += 1
                    }
                    return .other
                }
                if escaped.isNumber { failed = true; return .other }
                return .literal(escaped)
            case "[":
                if index < characters.count, characters[index] == "^" { index += 1 }
                if index < characters.count, characters[index] == "]" { index += 1 }
                while index < characters.count, characters[index] != "]" {
                    if characters[index] == "\\" { index += 1 }
                    index += 1
                }
                guard index < characters.count else { failed = true; return .other }
                index += 1
                return .other
            case "(":
                var lookaround = false
                if index < characters.count, characters[index] == "?" {
                    index += 1
                    guard index < characters.count else { failed = true; return .other }
                    switch characters[index] {
                    case ":": index += 1
                    case "=", "!": index += 1; lookaround = true
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
                let inner = alternation()
                guard !failed, index < characters.count, characters[index] == ")" else { failed = true; return .other }
                index += 1
                return lookaround ? .other : .group(inner)
            case ".", "^", "$":
                return .other
            case "*", "+", "?", "{", ")", "|":
                failed = true
                return .other
            default:
                return .literal(character)
            }
        }

        /// The quantifier after an atom, if any: its minimum, and whether there was one.
        mutating func quantifier() -> (Int, Bool) {
            guard index < characters.count else { return (1, false) }
            var minimum = 1
            switch characters[index] {
            case "?", "*": minimum = 0; index += 1
            case "+": index += 1
            case "{":
                var digits = ""
                index += 1
                while index < characters.count, characters[index].isNumber { digits.append(characters[index]); index += 1 }
                while index < characters.count, characters[index] != "}" { index += 1 }
                guard index < characters.count, let value = Int(digits) else { failed = true; return (1, true) }
                index += 1
                minimum = value
            default:
                return (1, false)
            }
            // Lazy or possessive forms.
            if index < characters.count, characters[index] == "?" || characters[index] == "+" { index += 1 }
            return (minimum, true)
        }
    }
}
