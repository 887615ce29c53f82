/// A place in a source file, as printed in diagnostics: `Content/articles/x.md:4:7`.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as the user knows it, relative to the site root.
    public let path: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public let line: Int
    /// 1-based column, counted in characters; 0 when unknown.
    public let column: Int

    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        guard line > 0 else { return path }
        return column > 0 ? "\(path):\(line):\(column)" : "\(path):\(line)"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
