/// One multi-byte scalar read from valid UTF-8, for the byte loops that keep ASCII off
/// Swift's slower scalar path: search words, and the language and readability checks.
public enum UTF8Scalar {
    /// The value of the scalar whose lead byte (0x80 or more) is at `index`, and how many
    /// bytes it takes. The bytes must be valid UTF-8 (they come from a String).
    @inlinable
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, width: Int) {
        let lead = bytes[index]
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for offset in 1..<width where index + offset < bytes.count {
            value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F)
        }
        return (value, width)
    }
}
