/// Turns a request's path into a key of the in-memory site, refusing anything that could
/// name a file outside it.
///
/// The preview serves only what the build wrote, from memory, so no request reaches the
/// file system and symbolic links cannot be followed out of the site. Paths are still
/// checked strictly, so a traversal attempt is answered with 400 rather than a 404 that
/// might hide a bug.
public enum RequestPath {
    /// Why a path was refused.
    public enum Rejection: Error, Equatable, Sendable {
        case malformedEncoding
        case forbiddenCharacter
        case traversal
    }

    /// The decoded segments of `rawPath` (percent-encoded, as on the request line), with
    /// whether it ended in `/`.
    public static func segments(of rawPath: String) -> Result<(segments: [String], isFolder: Bool), Rejection> {
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = percentDecoded(pathOnly) else { return .failure(.malformedEncoding) }
        // Backslashes are separators on Windows and in some URL parsers; NUL ends C strings.
        if decoded.contains("\\") || decoded.unicodeScalars.contains(where: { $0.value == 0 || $0.value < 0x20 }) {
            return .failure(.forbiddenCharacter)
        }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.contains(where: { $0 == ".." || $0 == "." }) { return .failure(.traversal) }
        return .success((parts, decoded.hasSuffix("/") || parts.isEmpty))
    }

    /// Strict percent-decoding: nil for a `%` not followed by two hex digits, or bytes
    /// that are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
