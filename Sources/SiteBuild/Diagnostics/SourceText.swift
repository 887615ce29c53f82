import SiteModel

/// A text file's path and contents, for turning positions into diagnostics.
struct SourceText: Sendable {
    /// Relative to the site root, as printed: `Content/articles/x.md`.
    let path: String
    let text: String

    func location(line: Int = 0, column: Int = 0) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    /// The text of 1-based line `number`, without its newline; nil when out of range.
    func line(_ number: Int) -> String? {
        guard number > 0 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        var line = text[start..<end]
        if line.hasSuffix("\r") { line = line.dropLast() }
        return String(line)
    }

    /// An error pointing at `line:column`, quoting the line.
    func error(_ message: String, line: Int, column: Int = 0, notes: [String] = []) -> Diagnostic {
        .error(message, at: location(line: line, column: column), sourceLine: self.line(line), notes: notes)
    }

    /// A warning pointing at `line:column`, quoting the line.
    func warning(_ message: String, line: Int, column: Int = 0, notes: [String] = []) -> Diagnostic {
        .warning(message, at: location(line: line, column: column), sourceLine: self.line(line), notes: notes)
    }

    /// Converts cmark's 1-based UTF-8 byte column on `line` to a character column.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard byteColumn > 1, let text = self.line(line) else { return max(byteColumn, 1) }
        let prefix = text.utf8.prefix(byteColumn - 1)
        return (String(decoding: prefix, as: UTF8.self).count) + 1
    }
}
