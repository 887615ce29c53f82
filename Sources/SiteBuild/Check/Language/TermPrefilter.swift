/// Rules language-guide terms out of a block of prose before any regular expression runs:
/// every term's required literals (`RequiredText`) are found together in one scan of the
/// block, and each term's condition is then a few bit tests.
struct TermPrefilter: Sendable {
    /// Every term's condition as one flat tree: node `n` is a literal (`literal[n] >= 0`) or
    /// an all/any of the nodes `children[childStart[n]..<childStart[n + 1]]`. Flat arrays,
    /// not an indirect enum: the check runs for many terms in every block of every article,
    /// and walking enum cases retains and releases each one.
    private let literal: [Int32]
    private let isAll: [Bool]
    private let childStart: [Int32]
    private let children: [Int32]
    /// Per term, in the guide's order: its root node, or -1 when the term is always scanned.
    private let roots: [Int32]
    /// Literal number → the terms whose condition names it, ascending.
    private let termsUsing: [[Int32]]
    /// Terms scanned whatever a block holds (no required text, or a condition no literal decides).
    private let alwaysScanned: [Int32]

    let scanner: LiteralScanner

    init(_ required: [RequiredText?]) {
        var literals: [RequiredText.Literal] = []
        var numbers: [RequiredText.Literal: Int] = [:]
        var literal: [Int32] = [], isAll: [Bool] = [], childLists: [[Int32]] = []
        var termsUsing: [Set<Int32>] = []
        var alwaysScanned: [Int32] = []
        func compile(_ text: RequiredText, term: Int32) -> Int32 {
            let node = Int32(literal.count)
            literal.append(-1)
            isAll.append(false)
            childLists.append([])
            switch text {
            case let .literal(text):
                let id = numbers[text] ?? literals.count
                if id == literals.count {
                    numbers[text] = id
                    literals.append(text)
                    termsUsing.append([])
                }
                termsUsing[id].insert(term)
                literal[Int(node)] = Int32(id)
            case let .all(parts):
                isAll[Int(node)] = true
                childLists[Int(node)] = parts.map { compile($0, term: term) }
            case let .any(parts):
                childLists[Int(node)] = parts.map { compile($0, term: term) }
            }
            return node
        }
        roots = required.enumerated().map { term, text in
            guard let text else {
                alwaysScanned.append(Int32(term))
                return -1
            }
            // An empty `all` holds with no literal found, so no literal can announce it.
            if text.holdsWithNothingFound { alwaysScanned.append(Int32(term)) }
            return compile(text.droppingCommonWords, term: Int32(term))
        }
        self.literal = literal
        self.isAll = isAll
        childStart = childLists.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        children = childLists.flatMap { $0 }
        self.termsUsing = termsUsing.map { $0.sorted() }
        self.alwaysScanned = alwaysScanned
        scanner = LiteralScanner(literals)
    }

    /// The literals in `text` (lower-cased UTF-8).
    func scan(_ text: [UInt8]) -> LiteralSet { scanner.scan(text) }

    /// False only when the term numbered `term` cannot match text holding just `found`.
    func mayMatch(_ term: Int, _ found: LiteralSet) -> Bool {
        let root = roots[term]
        return root < 0 || holds(Int(root), found)
    }

    /// The terms that may match text holding just `found`, ascending: only the terms that
    /// name a found literal are tested, not every term of the guide.
    func candidates(_ found: LiteralSet) -> [Int] {
        var terms = Set(alwaysScanned.map(Int.init))
        for id in found.members {
            for term in termsUsing[id] where !terms.contains(Int(term)) && holds(Int(roots[Int(term)]), found) {
                terms.insert(Int(term))
            }
        }
        return terms.sorted()
    }

    private func holds(_ node: Int, _ found: LiteralSet) -> Bool {
        let id = literal[node]
        if id >= 0 { return found.contains(Int(id)) }
        let range = Int(childStart[node])..<Int(childStart[node + 1])
        return isAll[node] ? range.allSatisfy { holds(Int(children[$0]), found) } : range.contains { holds(Int(children[$0]), found) }
    }
}

extension RequiredText {
    /// Words every block of prose holds, which some terms require next to a rare word
    /// (`\b(?:a|the)\s+cutters?\b`): finding them rules nothing out, and they were most of
    /// the literal scan's matches.
    static let commonWords: Set<[UInt8]> = Set([
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "of", "on", "at", "in", "into", "to", "for", "from",
        "with", "by", "and", "or", "so", "too", "as", "it", "its", "this", "that", "his", "her", "hers", "their", "my",
        "your", "our", "him", "them", "me", "us", "off", "up", "own", "bit",
    ].map { Array($0.utf8) })

    /// A literal this short that need not start a word is inside too many words to rule
    /// anything out.
    static let commonEndingLength = 2

    /// This condition without the parts of an all-of that need only common words, when a
    /// rarer part remains. It only weakens the condition, so no match is ever ruled out.
    var droppingCommonWords: RequiredText {
        switch self {
        case .literal: return self
        case let .any(parts): return .any(parts.map(\.droppingCommonWords))
        case let .all(parts):
            let rare = parts.filter { !$0.isCommon }
            return .all((rare.isEmpty ? parts : rare).map(\.droppingCommonWords))
        }
    }

    /// True when common words alone can meet the condition.
    private var isCommon: Bool {
        switch self {
        // Even after given words ("(the)_a"): a common word is found everywhere, and each
        // find of one costs a look back. So is a word ending of one or two letters
        // (`overdos(?:e|ed|ing)`: "e" and "ed" ending a word; a digit): in one build of
        // 1,000 articles such endings were 2.0 M of the scan's 2.4 M finds.
        case let .literal(literal):
            Self.commonWords.contains(literal.bytes) || (!literal.startsWord && literal.bytes.count <= Self.commonEndingLength)
        case let .any(parts): parts.contains(where: \.isCommon)
        case let .all(parts): parts.allSatisfy(\.isCommon)
        }
    }

    /// True when the condition holds even in text with none of its literals.
    var holdsWithNothingFound: Bool {
        switch self {
        case .literal: false
        case let .all(parts): parts.allSatisfy(\.holdsWithNothingFound)
        case let .any(parts): parts.contains(where: \.holdsWithNothingFound)
        }
    }
}
