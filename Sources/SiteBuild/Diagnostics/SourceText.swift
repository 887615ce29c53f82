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
        // Byte-wise over contiguous UTF-8 (`withUTF8` makes a bridged string native first):
        // every finding quotes its line, and lines end at 0x0A.
        var text = text
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var start = 0
            for _ in 1..<number {
                guard let newline = raw.offset(of: 0x0A, from: start) else { return nil }
                start = newline + 1
            }
            var end = raw.offset(of: 0x0A, from: start) ?? bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
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
