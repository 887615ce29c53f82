import CommonMark
import Foundation
import SearchIndex
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

    /// Parses `document`'s body for its prose blocks.
    init(document: SourceDocument, renderer: MarkdownRenderer) {
        self.init(document: document, blocks: renderer.proseBlocks(String(document.body)))
    }

    /// `document`'s prose, given its body's blocks (from the parse that rendered it).
    init(document: SourceDocument, blocks: [ProseBlock]) {
        file = SourceText(path: document.path, text: document.text)
        lines = Self.lines(of: document.text)
        let matter = document.frontMatter
        let headerLines = max(document.bodyLineOffset, 1)
        var units = [matter.title, matter.summary, matter.contentNote ?? ""].filter { !$0.isEmpty }.map {
            Unit(text: $0, firstLine: 1, lastLine: headerLines, kind: .paragraph, inBlockQuote: false, inList: false, isFrontMatter: true)
        }
        units += blocks.map {
            Unit(text: $0.text, firstLine: $0.startLine + document.bodyLineOffset, lastLine: $0.endLine + document.bodyLineOffset,
                 kind: $0.kind, inBlockQuote: $0.inBlockQuote, inList: $0.inList, isFrontMatter: false)
        }
        self.units = units
    }

    /// `text`'s lines without their line breaks, found byte by byte (a Character split, or
    /// even a generic one over UTF-8, costs more than the checks that use the lines).
    static func lines(of text: String) -> [Substring] {
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        func addLine(upTo end: String.Index) {
            let trimmed = end > start && utf8[utf8.index(before: end)] == 0x0D ? utf8.index(before: end) : end
            lines.append(text[start..<trimmed])
        }
        var contiguous = text
        let breaks = contiguous.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var breaks: [Int] = []
            while let newline = raw.offset(of: 0x0A, from: (breaks.last ?? -1) + 1) { breaks.append(newline) }
            return breaks
        }
        lines.reserveCapacity(breaks.count + 1)
        for offset in breaks {
            let newline = utf8.index(utf8.startIndex, offsetBy: offset)
            addLine(upTo: newline)
            start = utf8.index(after: newline)
        }
        addLine(upTo: utf8.endIndex)
        return lines
    }

    /// Where the `occurrence`-th (0-based) appearance of `phrase` is written in `unit`'s lines:
    /// its words in order, whole and ignoring case, with any markup, spaces or line breaks
    /// between them. Falls back to the unit's first line when the words cannot be found
    /// (entities, escapes, emphasis inside a word).
    func locate(_ phrase: String, occurrence: Int, in unit: Unit) -> (line: Int, column: Int) {
        let words = Self.words(in: Substring(phrase)).map { $0.lowercased() }
        let first = max(unit.firstLine, 1), last = min(max(unit.lastLine, first), lines.count)
        guard !words.isEmpty, first <= last else { return (unit.firstLine, 0) }
        // Line by line, stopping at the occurrence wanted: a title's unit spans the whole
        // front matter, and a phrase is usually on the unit's first lines.
        var tokens: [(text: Substring, line: Int)] = []
        var found: [(text: Substring, line: Int)] = []
        var start = 0
        for line in first...last where found.count <= occurrence {
            tokens += Self.words(in: lines[line - 1]).map { ($0, line) }
            while start + words.count <= tokens.count, found.count <= occurrence {
                if words.indices.allSatisfy({ Self.equalIgnoringCase(tokens[start + $0].text, words[$0]) }) {
                    found.append(tokens[start])
                }
                start += 1
            }
        }
        guard let token = found.count > occurrence ? found[occurrence] : found.first else { return (unit.firstLine, 0) }
        // Columns count characters, as editors do.
        let line = lines[token.line - 1]
        return (token.line, line.distance(from: line.startIndex, to: token.text.startIndex) + 1)
    }

    /// Whether `token` lower-cased is `lower`: byte by byte while both are ASCII.
    static func equalIgnoringCase(_ token: Substring, _ lower: String) -> Bool {
        var tokenBytes = token.utf8.makeIterator(), lowerBytes = lower.utf8.makeIterator()
        while true {
            switch (tokenBytes.next(), lowerBytes.next()) {
            case (nil, nil): return true
            case let (a?, b?) where a < 0x80 && b < 0x80:
                if (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) != b { return false }
            case (_?, _?): return token.lowercased() == lower
            default: return false
            }
        }
    }

    /// Runs of letters and digits (by Unicode scalar: ASCII by range, others by their
    /// properties), found over the bytes: this runs over every line that holds a finding.
    static func words(in text: Substring) -> [Substring] {
        let spans = text.utf8.withContiguousStorageIfAvailable(wordSpans)
            ?? Array(text.utf8).withUnsafeBufferPointer(wordSpans)
        let utf8 = text.utf8
        return spans.map { span in
            let start = utf8.index(utf8.startIndex, offsetBy: span.lowerBound)
            return text[start..<utf8.index(start, offsetBy: span.count)]
        }
    }

    /// Byte ranges of the runs of letters and digits in valid UTF-8.
    private static func wordSpans(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var wordStart: Int?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isWord: Bool
            var width = 1
            if byte < 0x80 {
                isWord = (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
            } else {
                let decoded = UTF8Scalar.decode(bytes, at: index)
                width = decoded.width
                let properties = Unicode.Scalar(decoded.value)?.properties
                isWord = properties.map { $0.isAlphabetic || $0.numericType != nil } ?? false
            }
            if isWord, wordStart == nil { wordStart = index }
            if !isWord, let start = wordStart {
                spans.append(start..<index)
                wordStart = nil
            }
            index += width
        }
        if let start = wordStart { spans.append(start..<bytes.count) }
        return spans
    }
}
