import Foundation

/// 64-bit FNV-1a, for the index's version hash.
struct FNV1a {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ data: Data) {
        data.withUnsafeBytes { add($0.bindMemory(to: UInt8.self)) }
    }
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    var hex: String { String(state, radix: 16) }
}
