/// A path inside the built site, relative to its root: `""` (home), `"peer-support/"`,
/// `"topics/clinical-recovery/"`, `"feed.xml"`. Distinct from source paths on purpose.
public struct SitePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Never starts with `/`; directories end with `/`.
    public let value: String
    /// How many folders deep the page is, which decides its relative `root`. Worked out
    /// once: every link a page makes asks for it.
    public let depth: Int

    public init(_ value: String) {
        var trimmed = value
        // A leading "/" goes as a Character (one carrying an accent stays); the byte test
        // first keeps nearly every path off the generic `hasPrefix`.
        while trimmed.utf8.first == 0x2F, trimmed.hasPrefix("/") { trimmed.removeFirst() }
        self.value = trimmed
        // Paths are normalised (no leading or doubled slashes), so depth is the slash count,
        // counted over the bytes: every link a page makes is made from a path.
        depth = trimmed.withUTF8 { $0.reduce(0) { $1 == 0x2F ? $0 + 1 : $0 } }
    }

    /// The file that serves this path: `peer-support/` → `peer-support/index.html`.
    public var filePath: String { value.isEmpty || value.hasSuffix("/") ? value + "index.html" : value }

    /// The relative path from a page at this path back to the site root: `../` or `./`.
    public var root: String { depth == 0 ? "./" : String(repeating: "../", count: depth) }

    /// The href from this page to `target`, through the root: works at any host, under any
    /// sub-path and from a folder on disk.
    public func link(to target: SitePath, fragment: String? = nil) -> String {
        let href = target.value.isEmpty ? root : (depth == 0 ? target.value : root + target.value)
        guard let fragment, !fragment.isEmpty else { return href }
        return href + "#" + fragment
    }

    public var description: String { "/" + value }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.value < rhs.value }
}
