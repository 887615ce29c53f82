/// A 128-bit hash of what went into a file, for telling whether it needs making again.
///
/// Not cryptographic: it guards against accidents (a page whose inputs changed), not
/// against someone who can already edit the content it is computed from.
public struct Fingerprint: Hashable, Sendable {
    let high: UInt64
    let low: UInt64

    /// The fingerprint of whatever `build` feeds the hasher.
    init(_ build: (inout FingerprintHasher) -> Void) {
        var hasher = FingerprintHasher()
        build(&hasher)
        self = hasher.finish()
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }
}

/// Two independent 64-bit lanes over the input, eight bytes at a time. Every value is fed
/// with its length, so `("ab", "c")` and `("a", "bc")` differ.
struct FingerprintHasher {
    private var a: UInt64 = 0x243F_6A88_85A3_08D3
    private var b: UInt64 = 0x1319_8A2E_0370_7344

    mutating func combine(_ value: UInt64) {
        // Each step is a bijection of the lane (xor, odd multiply, xor-shift), so two
        // different words never leave a lane in the same state.
        a = (a ^ value) &* 0x9E37_79B9_7F4A_7C15
        a ^= a >> 29
        b = (b ^ value) &* 0xC2B2_AE3D_27D4_EB4F
        b ^= b >> 31
    }

    mutating func combine(_ value: Int) { combine(UInt64(bitPattern: Int64(value))) }

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        combine(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            combine(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        if shift > 0 { combine(tail) }
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    mutating func combine(_ fingerprint: Fingerprint) {
        combine(fingerprint.high)
        combine(fingerprint.low)
    }

    /// The fingerprint so far (murmur3's finaliser on each lane).
    func finish() -> Fingerprint {
        func mix(_ value: UInt64) -> UInt64 {
            var x = value
            x ^= x >> 33
            x &*= 0xFF51_AFD7_ED55_8CCD
            x ^= x >> 33
            x &*= 0xC4CE_B9FE_1A85_EC53
            return x ^ (x >> 33)
        }
        return Fingerprint(high: mix(a), low: mix(b ^ a))
    }
}
