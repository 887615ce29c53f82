import Foundation

/// Numbers words by their UTF-8 bytes, in order of first sight: an open-addressed table
/// with `FNV1a` hashes, so counting the words of a text makes no String and runs no SipHash
/// per occurrence. Used for every word of every article (search counts, syllables).
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

    /// `word`'s hash, and its entry or the empty slot where it would go.
    private func find(_ word: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, slot: Int, entry: Int?) {
        var fnv = FNV1a()
        fnv.add(word)
        let hash = fnv.state
        let mask = slots.count - 1
        var slot = Self.slot(hash, mask)
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if hashes[entry] == hash, isEntry(entry, word) { return (hash, slot, entry) }
            slot = (slot + 1) & mask
        }
        return (hash, slot, nil)
    }

    /// Every word's bytes one after another, and where each ends: the words without the
    /// table, for keeping many of them.
    var storage: (bytes: [UInt8], ends: [Int]) { (arena, ends) }

    /// The bytes of the word numbered `number`.
    public func word(_ number: Int) -> ArraySlice<UInt8> { arena[range(number)] }

    private func isEntry(_ entry: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = range(entry)
        guard range.count == word.count else { return false }
        return word.isEmpty || arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + range.lowerBound, word.baseAddress!, word.count) == 0 }
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
