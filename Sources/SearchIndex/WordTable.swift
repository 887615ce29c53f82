import Foundation

/// Numbers words by their UTF-8 bytes, in order of first sight: an open-addressed table
/// with a hash read eight bytes at a time, so counting the words of a text makes no String
/// and runs no SipHash per occurrence. Used for every word of every article (search
/// counts, syllables).
public struct WordTable: Sendable {
    /// Entry number + 1 for each slot, 0 when empty; the count is a power of two.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    /// Every word's bytes, one after another; entry `i` ends at `ends[i]`.
    private var arena: [UInt8] = []
    private var ends: [Int] = []

    /// A table sized for about `expectedWords` distinct words (it grows past them).
    public init(expectedWords: Int) {
        var size = 64
        while size < 2 * expectedWords { size *= 2 }
        slots = Array(repeating: 0, count: size)
    }

    /// How many distinct words the table holds.
    public var count: Int { hashes.count }

    /// The number of `word`, and whether it was new (and numbered `count - 1`).
    public mutating func number(_ word: ArraySlice<UInt8>) -> (number: Int, isNew: Bool) {
        word.withUnsafeBufferPointer { number($0) }
    }

    /// The number of `word`, and whether it was new (and numbered `count - 1`).
    public mutating func number(_ word: UnsafeBufferPointer<UInt8>) -> (number: Int, isNew: Bool) {
        let (hash, slot, entry) = find(word)
        if let entry { return (entry, false) }
        arena.append(contentsOf: word)
        ends.append(arena.count)
        hashes.append(hash)
        slots[slot] = Int32(hashes.count)
        if 2 * hashes.count > slots.count { grow() }
        return (hashes.count - 1, true)
    }

    /// The number of `word`, if the table holds it.
    public func lookUp(_ word: ArraySlice<UInt8>) -> Int? { word.withUnsafeBufferPointer { find($0).entry } }

    /// The number of `word`, if the table holds it.
    public func lookUp(_ word: UnsafeBufferPointer<UInt8>) -> Int? { find(word).entry }

    /// `word`'s hash, and its entry or the empty slot where it would go. Through unchecked
    /// buffers: this runs for every word of every article, twice (search, syllables).
    private func find(_ word: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, slot: Int, entry: Int?) {
        let hash = Self.hash(word)
        return slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                let mask = slots.count - 1
                var slot = Self.slot(hash, mask)
                while true {
                    let stored = Int(slots[slot])
                    if stored == 0 { return (hash, slot, nil) }
                    if hashes[stored - 1] == hash, isEntry(stored - 1, word) { return (hash, slot, stored - 1) }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// A hash of `word`'s blocks: most words are one or two (FNV-1a, a byte at a time, made
    /// numbering cost 461 M instructions at 1,000 articles against 386 M).
    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard !word.isEmpty, let base = word.baseAddress else { return 0 }
        var hash = 0xcbf2_9ce4_8422_2325 ^ UInt64(word.count)
        _ = forEachBlock(count: word.count) { block in
            let mixed = (hash ^ block.read(UnsafeRawPointer(base), count: word.count)) &* 0x9E37_79B9_7F4A_7C15
            hash = mixed ^ (mixed >> 29)
            return true
        }
        return hash
    }

    /// Where a 64-bit block of a word comes from, as wyhash reads short inputs: eight bytes
    /// at an offset, or, under eight bytes, one block holding every byte. The hash mixes the
    /// blocks and the comparison compares them, so both read a word alike.
    private enum Block {
        case eight(at: Int)
        /// Two overlapping halves: the first four bytes and the last four.
        case halves
        /// The first, middle and last byte (under four bytes, every byte).
        case ends

        @inline(__always)
        func read(_ bytes: UnsafeRawPointer, count: Int) -> UInt64 {
            func load<Unit: FixedWidthInteger>(_ offset: Int, _: Unit.Type) -> UInt64 {
                UInt64(bytes.loadUnaligned(fromByteOffset: offset, as: Unit.self))
            }
            switch self {
            case let .eight(offset): return load(offset, UInt64.self)
            case .halves: return load(0, UInt32.self) << 32 | load(count - 4, UInt32.self)
            case .ends: return load(0, UInt8.self) << 16 | load(count >> 1, UInt8.self) << 8 | load(count - 1, UInt8.self)
            }
        }
    }

    /// Calls `body` with each block of a word `count` bytes long until it returns false (the
    /// result): eight bytes at a time with the last eight overlapping the one before.
    @inline(__always)
    private static func forEachBlock(count: Int, _ body: (Block) -> Bool) -> Bool {
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                guard body(.eight(at: offset)) else { return false }
                offset += 8
            }
            return body(.eight(at: count - 8))
        }
        if count >= 4 { return body(.halves) }
        return count == 0 || body(.ends)
    }

    /// Every word's bytes one after another, and where each ends: the words without the
    /// table, for keeping many of them.
    var storage: (bytes: [UInt8], ends: [Int]) { (arena, ends) }

    /// The bytes of the word numbered `number`.
    public func word(_ number: Int) -> ArraySlice<UInt8> { arena[range(number)] }

    private func isEntry(_ entry: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = range(entry)
        guard range.count == word.count else { return false }
        // An empty word can have a base address (a slice's) while the arena has none.
        guard !word.isEmpty else { return true }
        return arena.withUnsafeBufferPointer { Self.equal($0.baseAddress! + range.lowerBound, word.baseAddress!, count: word.count) }
    }

    /// Whether `count` bytes at `a` and `b` are equal, compared block by block as the hash
    /// reads them: the words are short and their hashes already agree, so a call to
    /// `memcmp` cost more than the comparison.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        forEachBlock(count: count) { $0.read(UnsafeRawPointer(a), count: count) == $0.read(UnsafeRawPointer(b), count: count) }
    }

    private func range(_ entry: Int) -> Range<Int> { (entry == 0 ? 0 : ends[entry - 1])..<ends[entry] }

    /// FNV-1a's low bits alone cluster on similar words; the high bits are folded in.
    private static func slot(_ hash: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask }

    private mutating func grow() {
        slots = Array(repeating: 0, count: 2 * slots.count)
        let mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Self.slot(hash, mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }
}
