import SiteModel

/// Splits a Markdown file into its YAML front matter and its body.
///
/// The front matter sits between a first line `---` and the next line that is `---` (or
/// `...`). Positions stay exact: the YAML starts on line 2, the body after the fence.
enum FrontMatterSplitter {
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
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") || text == "---" else {
            return .failure(file.error("missing front matter: the file must start with a line '---', then the YAML keys, then another '---'",
                                       line: 1, column: 1))
        }
        var lineNumber = 1
        var cursor = text.index(after: text.firstIndex(of: "\n") ?? text.index(before: text.endIndex))
        let yamlStart = cursor
        while cursor < text.endIndex {
            lineNumber += 1
            let end = text[cursor...].firstIndex(of: "\n") ?? text.endIndex
            var line = text[cursor..<end]
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line == "---" || line == "..." {
                let body = end < text.endIndex ? text[text.index(after: end)...] : text[text.endIndex...]
                return .success(Parts(yaml: String(text[yamlStart..<cursor]), body: body,
                                      bodyLineOffset: lineNumber))
            }
            cursor = end < text.endIndex ? text.index(after: end) : end
        }
        return .failure(file.error("front matter is not closed: add a line '---' after the last key", line: 1, column: 1))
    }
}
