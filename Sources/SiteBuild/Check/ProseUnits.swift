import CommonMark
import Foundation
import SiteModel

/// A document's prose for the checks: its front-matter title, summary and content note, and
/// its Markdown blocks, each with the file lines it came from.
struct ProseUnits: Sendable {
    struct Unit: Sendable {
        let text: String
        /// 1-based file lines (front matter included) the text was written on.
        let firstLine: Int
        let lastLine: Int
        let kind: ProseBlock.Kind
        let inBlockQuote: Bool
        let inList: Bool
        /// Title, summary or content note: in the front matter, not the body.
        let isFrontMatter: Bool
    }

    let units: [Unit]
    let file: SourceText
    /// The file's lines, split once for locating phrases.
    private let lines: [Substring]

    init(document: SourceDocument, renderer: MarkdownRenderer) {
        file = SourceText(path: document.path, text: document.text)
        lines = document.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let matter = document.frontMatter
        let headerLines = max(document.bodyLineOffset, 1)
        var units = [matter.title, matter.summary, matter.contentNote ?? ""].filter { !$0.isEmpty }.map {
            Unit(text: $0, firstLine: 1, lastLine: headerLines, kind: .paragraph, inBlockQuote: false, inList: false, isFrontMatter: true)
        }
        units += renderer.proseBlocks(String(document.body)).map {
            Unit(text: $0.text, firstLine: $0.startLine + document.bodyLineOffset, lastLine: $0.endLine + document.bodyLineOffset,
                 kind: $0.kind, inBlockQuote: $0.inBlockQuote, inList: $0.inList, isFrontMatter: false)
        }
        self.units = units
    }

    /// Where the `occurrence`-th (0-based) appearance of `phrase` is written in `unit`'s lines:
    /// the words in order, with any markup, spaces or line breaks between them. Falls back
    /// to the unit's first line when the words cannot be found (entities, escapes).
    func locate(_ phrase: String, occurrence: Int, in unit: Unit) -> (line: Int, column: Int) {
        let words = phrase.split { !($0.isLetter || $0.isNumber) }.map { NSRegularExpression.escapedPattern(for: String($0)) }
        let first = max(unit.firstLine, 1), last = min(max(unit.lastLine, first), lines.count)
        guard !words.isEmpty, first <= last,
              let expression = try? NSRegularExpression(pattern: words.joined(separator: "[^\\p{L}\\p{N}]+"), options: [.caseInsensitive])
        else { return (unit.firstLine, 0) }
        let text = lines[(first - 1)..<last].joined(separator: "\n")
        let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard let match = matches.count > occurrence ? matches[occurrence] : matches.first,
              let start = Range(match.range, in: text)?.lowerBound else { return (unit.firstLine, 0) }
        let before = text[..<start]
        let lineOffset = before.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return (first + lineOffset, text.distance(from: lineStart, to: start) + 1)
    }
}
