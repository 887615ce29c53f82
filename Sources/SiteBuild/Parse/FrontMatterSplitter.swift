import SiteModel

/// Splits a Markdown file into its YAML front matter and its body.
///
/// The front matter sits between a first line `---` and the next line that is `---` (or
/// `...`). Positions stay exact: the YAML starts on line 2, the body after the fence.
/// Lines are found byte-wise: in a Swift `String`, `"\r\n"` is one character, so a search
/// for `"\n"` would miss every line of a file saved with Windows line endings.
public enum FrontMatterSplitter {
    struct Parts {
        let yaml: String
        /// The body after the closing fence.
        let body: Substring
        /// The number of lines before the body (both fences and the YAML).
        let bodyLineOffset: Int
    }

    static func split(_ file: SourceText) -> Result<Parts, Diagnostic> {
        var text = Substring(file.text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var lines = LineCursor(text)
        guard let first = lines.next(), first.text == "---" else {
            return .failure(file.error("missing front matter: the file must start with a line '---', then the YAML keys, then another '---'",
                                       line: 1, column: 1))
        }
        let yamlStart = first.next
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            if line.text == "---" || line.text == "..." {
                return .success(Parts(yaml: String(text[yamlStart..<line.start]), body: text[line.next...],
                                      bodyLineOffset: lineNumber))
            }
        }
        return .failure(file.error("front matter is not closed: add a line '---' after the last key", line: 1, column: 1))
    }

    /// The Markdown after a leading front matter block, or all of `text` when it has none:
    /// what `hub render` renders.
    public static func body(of text: String) -> String {
        guard case let .success(parts) = split(SourceText(path: "", text: text)) else {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        return String(parts.body)
    }
}

/// Walks the lines of a text by its UTF-8 bytes, without their `\n` or `\r\n`.
struct LineCursor {
    struct Line {
        let start: Substring.Index
        let text: Substring
        /// Where the following line starts.
        let next: Substring.Index
    }

    private let text: Substring
    private var position: Substring.Index

    init(_ text: Substring) {
        self.text = text
        position = text.startIndex
    }

    mutating func next() -> Line? {
        guard position < text.endIndex else { return nil }
        let utf8 = text.utf8
        let start = position
        let newline = utf8[start...].firstIndex(of: 0x0A)
        var end = newline ?? utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        position = newline.map { utf8.index(after: $0) } ?? utf8.endIndex
        return Line(start: start, text: text[start..<end], next: position)
    }
}
