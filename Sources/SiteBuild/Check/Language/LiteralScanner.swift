/// Finds which of a fixed set of literal strings occur in a text, in one pass over its bytes:
/// an Aho–Corasick automaton with every transition precomputed, over only the bytes the
/// literals use (the rest all lead back to the start). Each literal's word-boundary
/// conditions are checked where it is found.
struct LiteralScanner: Sendable {
    /// A literal ending at a state, with what the scan checks where it is found.
    private struct Output {
        let literal: Int32
        let length: Int32
        let startsWord: Bool
        let endsWord: Bool
        let afterNonLetter: Bool
        /// Index into `neighbours` of the words that may not come next, or -1.
        let notFollowedBy: Int32
        /// Index into `neighbours` of the words one of which must come before, or -1.
        let precededBy: Int32
    }

    /// How many literals there are.
    let count: Int
    /// Byte → its class: 0 for bytes in no literal, else 1…
    private let byteClass: [UInt8]
    /// The transition table, row by row (`StateTable`).
    private let table: StateTable
    /// The first state (as a row offset) at which a literal ends: states are numbered so
    /// that all of those come last, and the scan tests one comparison a byte.
    private let firstOutputRow: Int
    /// A row offset back to its state number (rows are `classCount` transitions long),
    /// for the outputs.
    private let stateOfRow: ExactDivisor
    /// The literals ending at each state: `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputs: [Output]
    /// The words some literals may not be followed by, or must follow
    /// (`RequiredText.Literal.notFollowedBy`, `precededBy`).
    private let neighbours: [RequiredText.AdjacentWords]

    init(_ literals: [RequiredText.Literal]) {
        count = literals.count
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for byte in Set(literals.flatMap(\.bytes)).sorted() where classCount < 256 {
            byteClass[Int(byte)] = UInt8(classCount)
            classCount += 1
        }
        // The trie: children by class (-1: none), and the literals each node ends.
        var children: [[Int32]] = [Array(repeating: -1, count: classCount)]
        var ends: [[Int32]] = [[]]
        for (id, literal) in literals.enumerated() {
            var node = 0
            for byte in literal.bytes {
                let next = Int(children[node][Int(byteClass[Int(byte)])])
                if next >= 0 {
                    node = next
                } else {
                    children.append(Array(repeating: -1, count: classCount))
                    ends.append([])
                    children[node][Int(byteClass[Int(byte)])] = Int32(children.count - 1)
                    node = children.count - 1
                }
            }
            ends[node].append(Int32(id))
        }
        // Breadth first: each node's failure link and full transition row, and its outputs
        // with those of its failure link (a longer match ends the shorter ones it contains).
        var transitions = [Int32](repeating: 0, count: children.count * classCount)
        var failure = [Int](repeating: 0, count: children.count)
        var queue = [0]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for symbol in 1..<classCount {
                let child = Int(children[node][symbol])
                if child >= 0 {
                    failure[child] = node == 0 ? 0 : Int(transitions[failure[node] * classCount + symbol])
                    ends[child] += ends[failure[child]]
                    transitions[node * classCount + symbol] = Int32(child)
                    queue.append(child)
                } else {
                    transitions[node * classCount + symbol] = node == 0 ? 0 : transitions[failure[node] * classCount + symbol]
                }
            }
        }
        // States renumbered, those ending no literal first (the root stays 0), each
        // transition stored as the row offset of its target: the scan's next step is then
        // one addition and one load, with no multiply and no lookup of outputs between.
        let order = ends.indices.filter { ends[$0].isEmpty } + ends.indices.filter { !ends[$0].isEmpty }
        var renumbered = [Int](repeating: 0, count: order.count)
        for (new, old) in order.enumerated() { renumbered[old] = new }
        let rows = order.flatMap { old in (0..<classCount).map { renumbered[Int(transitions[old * classCount + $0])] * classCount } }
        var outputStart: [Int32] = [0]
        for old in order { outputStart.append(outputStart[outputStart.count - 1] + Int32(ends[old].count)) }
        ends = order.map { ends[$0] }
        self.byteClass = byteClass
        self.table = StateTable(rows)
        self.firstOutputRow = ends.filter(\.isEmpty).count * classCount
        self.stateOfRow = ExactDivisor(classCount)
        self.outputStart = outputStart
        var neighbours: [RequiredText.AdjacentWords] = []
        func neighbour(_ words: RequiredText.AdjacentWords) -> Int32 {
            guard !words.words.isEmpty else { return -1 }
            neighbours.append(words)
            return Int32(neighbours.count - 1)
        }
        let followerIndex = literals.map { neighbour($0.notFollowedBy) }
        let precedingIndex = literals.map { neighbour($0.precededBy) }
        self.neighbours = neighbours
        self.outputs = ends.flatMap { $0 }.map {
            let literal = literals[Int($0)]
            return Output(literal: $0, length: Int32(literal.bytes.count), startsWord: literal.startsWord, endsWord: literal.endsWord,
                          afterNonLetter: literal.afterNonLetter, notFollowedBy: followerIndex[Int($0)],
                          precededBy: precedingIndex[Int($0)])
        }
    }

    /// The literals that occur in `text` (lower-cased UTF-8), meeting their conditions.
    func scan(_ text: [UInt8]) -> LiteralSet {
        var found = [UInt64](repeating: 0, count: (count + 63) / 64)
        guard count > 0 else { return LiteralSet(words: found) }
        text.withUnsafeBufferPointer { bytes in
            found.withUnsafeMutableBufferPointer { found in
                switch table {
                case let .narrow(rows): rows.withUnsafeBufferPointer { scan(bytes, rows: $0, into: found) }
                case let .wide(rows): rows.withUnsafeBufferPointer { scan(bytes, rows: $0, into: found) }
                }
            }
        }
        return LiteralSet(words: found)
    }

    /// The scan over one table width. Unchecked buffers: this loop reads every byte of
    /// every article's prose.
    private func scan<Row: FixedWidthInteger>(_ bytes: UnsafeBufferPointer<UInt8>, rows: UnsafeBufferPointer<Row>,
                                              into found: UnsafeMutableBufferPointer<UInt64>) {
        byteClass.withUnsafeBufferPointer { byteClass in
            outputStart.withUnsafeBufferPointer { outputStart in
                outputs.withUnsafeBufferPointer { outputs in
                    var row = 0, position = 0
                    while position < bytes.count {
                        (position, row) = Self.walk(bytes, from: position, row: row, rows: rows, byteClass: byteClass,
                                                    stoppingAt: firstOutputRow)
                        guard row >= firstOutputRow else { return }
                        let state = stateOfRow.divide(row)
                        for output in outputs[Int(outputStart[state])..<Int(outputStart[state &+ 1])] {
                            record(output, endingAt: position &- 1, in: bytes, into: found)
                        }
                    }
                }
            }
        }
    }

    /// Follows the transitions from `row` until a state where a literal ends (returning the
    /// position after its last byte) or the end of the text. Every byte goes through this
    /// loop and nothing else: on its own, the state stays in a register (inside the loop
    /// that also handled outputs it went through the stack, a store and a load each byte).
    @inline(never)
    private static func walk<Row: FixedWidthInteger>(_ bytes: UnsafeBufferPointer<UInt8>, from startPosition: Int, row startRow: Int,
                                                     rows: UnsafeBufferPointer<Row>, byteClass: UnsafeBufferPointer<UInt8>,
                                                     stoppingAt firstOutputRow: Int) -> (position: Int, row: Int) {
        var row = startRow
        var position = startPosition
        while position < bytes.count {
            row = Int(truncatingIfNeeded: rows[row &+ Int(byteClass[Int(bytes[position])])])
            position &+= 1
            if row >= firstOutputRow { break }
        }
        return (position, row)
    }

    /// Marks `output`'s literal as found if its conditions hold where it ends, at `end`.
    private func record(_ output: Output, endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>,
                        into found: UnsafeMutableBufferPointer<UInt64>) {
        let start = end &+ 1 &- Int(output.length)
        if output.startsWord, start > 0, RequiredText.Literal.isWordByte(bytes[start &- 1]) { return }
        if output.afterNonLetter, start > 0, RequiredText.Literal.isLetterByte(bytes[start &- 1]) { return }
        if output.endsWord, end &+ 1 < bytes.count, RequiredText.Literal.isWordByte(bytes[end &+ 1]) { return }
        if output.notFollowedBy >= 0, neighbours[Int(output.notFollowedBy)].match(bytes, from: end &+ 1) { return }
        if output.precededBy >= 0, !neighbours[Int(output.precededBy)].mayPrecede(bytes, end: start) { return }
        found[Int(output.literal) >> 6] |= 1 << UInt64(output.literal & 63)
    }

    /// Whether the table took 32 bits a transition (for tests).
    var needsWideTable: Bool {
        if case .wide = table { true } else { false }
    }

    /// Transitions as row offsets, in 16 bits when every offset fits (a guide of a few
    /// hundred terms: half the memory, so more of the table stays in the fastest cache).
    private enum StateTable: Sendable {
        case narrow([UInt16])
        case wide([UInt32])

        init(_ rows: [Int]) {
            self = rows.allSatisfy { $0 <= Int(UInt16.max) } ? .narrow(rows.map { UInt16($0) }) : .wide(rows.map { UInt32($0) })
        }
    }
}

/// A set of literal numbers, as bits.
struct LiteralSet: Sendable, Equatable {
    private var words: [UInt64]

    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    /// The set whose members are the bits of `words`.
    init(words: [UInt64]) {
        self.words = words
    }

    mutating func insert(_ member: Int) {
        words[member >> 6] |= 1 << UInt64(member & 63)
    }

    func contains(_ member: Int) -> Bool {
        words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    mutating func formUnion(_ other: LiteralSet) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    /// The members, ascending.
    var members: [Int] {
        var members: [Int] = []
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                members.append(index << 6 | rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return members
    }
}
