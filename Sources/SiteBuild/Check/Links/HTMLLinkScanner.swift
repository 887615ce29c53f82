/// The `id`s and link targets of one generated HTML file, read byte by byte: templates and
/// cmark write attributes in double quotes with `&`, `<`, `"` escaped, so attribute text
/// never contains a raw quote, and escaped text (`href=&quot;` in a code block) never looks
/// like an attribute.
struct HTMLLinks: Sendable {
    var ids: Set<String> = []
    /// `href` and `src` values, entity-decoded, in document order.
    var targets: [String] = []

    init(scanning bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        var index = 0
        while index < count {
            guard bytes[index] == 0x3D /* = */, index + 1 < count, bytes[index + 1] == 0x22 || bytes[index + 1] == 0x27 else {
                index += 1
                continue
            }
            let name = Self.attributeName(before: index, in: bytes)
            let quote = bytes[index + 1]
            var end = index + 2
            while end < count, bytes[end] != quote { end += 1 }
            if name != .other {
                let value = Self.decode(UnsafeRawBufferPointer(rebasing: bytes[(index + 2)..<end]))
                if name == .id { ids.insert(value) } else { targets.append(value) }
            }
            index = end + 1
        }
    }

    private enum Name { case id, link, other }

    /// `id`, `href` or `src`, preceded by whitespace.
    private static func attributeName(before equals: Int, in bytes: UnsafeRawBufferPointer) -> Name {
        func matches(_ name: [UInt8]) -> Bool {
            let start = equals - name.count
            guard start >= 1 else { return false }
            for (offset, byte) in name.enumerated() where bytes[start + offset] | 0x20 != byte { return false }
            let before = bytes[start - 1]
            return before == 0x20 || before == 0x0A || before == 0x09 || before == 0x0D
        }
        if matches(Array("href".utf8)) || matches(Array("src".utf8)) { return .link }
        if matches(Array("id".utf8)) { return .id }
        return .other
    }

    /// `&amp;` and the other entities cmark and the templates write in attributes.
    private static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
