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
            // Straight to the next `=`: most of a page is text between attributes.
            guard let equals = bytes.offset(of: 0x3D, from: index) else { break }
            index = equals
            guard index + 1 < count, bytes[index + 1] == 0x22 || bytes[index + 1] == 0x27 else {
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
        if matches(href) || matches(src) { return .link }
        if matches(id) { return .id }
        return .other
    }

    private static let href = Array("href".utf8), src = Array("src".utf8), id = Array("id".utf8)
    private static let entities: [(name: [UInt8], byte: UInt8)] = [
        ("&amp;", 0x26), ("&quot;", 0x22), ("&#39;", 0x27), ("&lt;", 0x3C), ("&gt;", 0x3E),
    ].map { (Array($0.0.utf8), $0.1) }

    /// `&amp;` and the other entities cmark and the templates write in attributes.
    /// One pass over the bytes; any other `&` stays as written.
    private static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let entity = bytes[index] == 0x26 ? entities.first { entity in
                index + entity.name.count <= bytes.count && entity.name.indices.allSatisfy { bytes[index + $0] == entity.name[$0] }
            } : nil
            if let entity {
                decoded.append(entity.byte)
                index += entity.name.count
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
