/// Builds compact JSON text by hand: the index is mostly numbers, and writing it directly
/// is faster than encoding dictionaries and gives one fixed key order (deterministic bytes).
///
/// Written as UTF-8 bytes: a `String` append cost about 340 instructions, and the postings
/// are millions of short appends.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ piece: String) { bytes += piece.utf8 }

    mutating func byte(_ byte: UInt8) { bytes.append(byte) }

    mutating func number(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        let magnitude = value.magnitude
        // Most digits first, so each is appended where it belongs.
        var place: UInt = 1
        while place <= magnitude / 10 { place *= 10 }
        repeat {
            bytes.append(0x30 + UInt8(magnitude / place % 10))
            place /= 10
        } while place > 0
    }

    mutating func string(_ value: String) {
        bytes.append(0x22)
        // Most strings need no escape: appended whole, not scalar by scalar.
        guard Self.needsEscaping(value) else {
            bytes += value.utf8
            bytes.append(0x22)
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": raw("\\\"")
            case "\\": raw("\\\\")
            case "\n": raw("\\n")
            case "\r": raw("\\r")
            case "\t": raw("\\t")
            // Also escaped so the payload is valid inside a classic script, and `</script`
            // can never appear.
            case "<": raw("\\u003c")
            case "\u{2028}": raw("\\u2028")
            case "\u{2029}": raw("\\u2029")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
        }
        bytes.append(0x22)
    }

    /// Whether `value` holds a character `string(_:)` escapes.
    static func needsEscaping(_ value: String) -> Bool {
        var before: UInt8 = 0, last: UInt8 = 0
        for byte in value.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C { return true }
            // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
            if before == 0xE2, last == 0x80, byte == 0xA8 || byte == 0xA9 { return true }
            before = last
            last = byte
        }
        return false
    }

    mutating func array<T>(_ items: [T], _ write: (inout JSONText, T) -> Void) {
        bytes.append(0x5B)
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            write(&self, item)
        }
        bytes.append(0x5D)
    }

    mutating func strings(_ items: [String]) { array(items) { $0.string($1) } }
}
