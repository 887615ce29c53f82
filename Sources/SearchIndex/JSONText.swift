/// Builds compact JSON text by hand: the index is mostly numbers, and writing it directly
/// is faster than encoding dictionaries and gives one fixed key order (deterministic bytes).
struct JSONText {
    private(set) var text = ""

    mutating func raw(_ piece: String) { text += piece }

    mutating func number(_ value: Int) { text += String(value) }

    mutating func string(_ value: String) {
        text += "\""
        // Most strings need no escape: appended whole, not scalar by scalar.
        guard Self.needsEscaping(value) else {
            text += value
            text += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            // Also escaped so the payload is valid inside a classic script, and `</script`
            // can never appear.
            case "<": text += "\\u003c"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
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
        text += "["
        for (index, item) in items.enumerated() {
            if index > 0 { text += "," }
            write(&self, item)
        }
        text += "]"
    }

    mutating func strings(_ items: [String]) { array(items) { $0.string($1) } }
}
