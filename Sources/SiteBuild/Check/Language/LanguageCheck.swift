import Foundation
import SearchIndex
import SiteModel

/// Finds language-guide terms in an article's prose (not its code or link destinations),
/// honouring the article's `language_allow` list and, by default, sparing quoted speech and
/// block quotes from warnings and info (people may describe themselves in their own words).
struct LanguageCheck: Sendable {
    let guide: LanguageGuide
    let settings: CheckSettings
    /// False in a build, which shows only errors and warnings: a term that would only be
    /// info is not looked for (unless an allowance might need it). Info was two thirds of
    /// the findings at 10,000 articles, each costing an expression run and its position.
    var reportsInfo = true

    /// One block of prose, lower-cased once for the prefilter and the case-sensitive scan.
    private struct Block {
        let unit: ProseUnits.Unit
        /// Made a String only for the few blocks a term's expression runs on.
        let lowerBytes: [UInt8]
        /// Lower-casing kept every UTF-16 offset (it does for ASCII and most text), so the
        /// faster case-sensitive expression can run on the lower-cased text and its ranges stay valid.
        let lowerUsable: Bool
        /// The literals the guide's terms require that this block holds.
        let literals: LiteralSet

        init(_ unit: ProseUnits.Unit, prefilter: TermPrefilter) {
            self.unit = unit
            let (bytes, keepsOffsets) = Self.lowercased(unit.text)
            lowerBytes = bytes
            lowerUsable = keepsOffsets
            literals = prefilter.scan(bytes)
        }

        /// `text` lower-cased, as UTF-8, and whether every character kept its UTF-16 length.
        /// In place over a copy of the bytes when no non-ASCII character changes (curly
        /// quotes and dashes do not): this runs over every block of every article.
        static func lowercased(_ text: String) -> (bytes: [UInt8], keepsOffsets: Bool) {
            var bytes = Array(text.utf8)
            let inPlace = bytes.withUnsafeMutableBufferPointer { bytes in
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        if byte >= 0x41, byte <= 0x5A { bytes[index] = byte | 0x20 }
                        index += 1
                        continue
                    }
                    let (value, width) = UTF8Scalar.decode(UnsafeBufferPointer(bytes), at: index)
                    index += width
                    if Unicode.Scalar(value)?.properties.changesWhenLowercased ?? true { return false }
                }
                return true
            }
            return inPlace ? (bytes, true) : lowercasedByScalar(text)
        }

        /// `lowercased`, scalar by scalar: ASCII by table; other characters only when they
        /// change (`String.lowercased()` costs more than the whole prefilter).
        static func lowercasedByScalar(_ text: String) -> (bytes: [UInt8], keepsOffsets: Bool) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var keepsOffsets = true
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value < 0x80 {
                    bytes.append(UInt8(value) | (value >= 0x41 && value <= 0x5A ? 0x20 : 0))
                } else if scalar.properties.changesWhenLowercased {
                    let lower = scalar.properties.lowercaseMapping
                    keepsOffsets = keepsOffsets && lower.utf16.count == scalar.utf16.count
                    bytes += lower.utf8
                } else {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
            return (bytes, keepsOffsets)
        }
    }

    func findings(for document: SourceDocument, prose: ProseUnits) -> [Finding] {
        let allowances = document.frontMatter.languageAllow
        guard !guide.terms.isEmpty || !allowances.isEmpty else { return [] }
        // Each block on its own: no term spans two blocks, and a term's expression runs only
        // over the blocks that hold what it requires (usually none).
        let prefilter = guide.prefilter
        let blocks = prose.units.filter { $0.kind != .code }.map { Block($0, prefilter: prefilter) }
        let article = blocks.reduce(into: LiteralSet(count: prefilter.scanner.count)) { $0.formUnion($1.literals) }
        let isSafeMessaging = !Set(document.frontMatter.topics.map(\.value)).isDisjoint(with: settings.safeMessagingTopics)
        var allowanceUsed = Array(repeating: false, count: allowances.count)
        var quotedRanges: [Int: [NSRange]] = [:]
        var lowerTexts: [Int: String] = [:]
        func lowerText(_ index: Int) -> String {
            if let text = lowerTexts[index] { return text }
            let text = String(decoding: blocks[index].lowerBytes, as: UTF8.self)
            lowerTexts[index] = text
            return text
        }
        var findings: [Finding] = []
        for termIndex in prefilter.candidates(article) {
            let term = guide.terms[termIndex]
            let severity = isSafeMessaging ? term.safeMessagingSeverity ?? term.severity : term.severity
            // An allowance is "unused" unless a finding, info included, meets it.
            if severity == .info, !reportsInfo, allowances.isEmpty { continue }
            var occurrences: [String: Int] = [:]
            // By index: `enumerated()` copied every block (retaining its text and bytes) for
            // every candidate term, only for the prefilter to pass over most of them.
            for blockIndex in blocks.indices where prefilter.mayMatch(termIndex, blocks[blockIndex].literals) {
                let block = blocks[blockIndex]
                let text = block.unit.text
                let whole = NSRange(location: 0, length: text.utf16.count)
                let matches = if block.lowerUsable, let fast = term.lowerCaseExpression {
                    fast.matches(in: lowerText(blockIndex), range: whole)
                } else {
                    term.expression.matches(in: text, range: whole)
                }
                for match in matches {
                    if severity != .error, settings.quotesExempt {
                        if block.unit.inBlockQuote { continue }
                        let quoted = quotedRanges[blockIndex] ?? Self.quotedRanges(in: text)
                        quotedRanges[blockIndex] = quoted
                        if quoted.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) { continue }
                    }
                    let phrase = (text as NSString).substring(with: match.range)
                    let normalised = Self.normalise(phrase)
                    // An allowance without a reason allows nothing (and is an error below).
                    if let allowed = allowances.firstIndex(where: { $0.reason != nil && Self.allows($0, normalised) }) {
                        allowanceUsed[allowed] = true
                        continue
                    }
                    let key = "\(blockIndex)\u{0}\(normalised)"
                    let occurrence = occurrences[key, default: 0]
                    occurrences[key] = occurrence + 1
                    let (line, column) = prose.locate(phrase, occurrence: occurrence, in: block.unit)
                    var notes = [term.reason]
                    if severity != .info { notes.append("if this wording is right here, add it to 'language_allow' with a reason") }
                    let diagnostic = prose.file.diagnostic(severity, "'\(phrase)': \(Self.advice(term.suggestion))",
                                                           line: line, column: column, notes: notes)
                    findings.append(Finding(.language, diagnostic, phrase: phrase, suggestion: term.suggestion))
                }
            }
        }
        for (index, allowance) in allowances.enumerated() {
            let location = allowance.term.location
            if allowance.reason == nil {
                findings.append(Finding(.language, prose.file.diagnostic(
                    .error, "language allowance for '\(allowance.term.value)' has no reason", line: location.line, column: location.column,
                    notes: ["add 'reason:' saying why this wording is right here, e.g. a person's own words"])))
            } else if !allowanceUsed[index] {
                findings.append(Finding(.language, prose.file.diagnostic(
                    .warning, "language allowance for '\(allowance.term.value)' matches nothing in this article", line: location.line,
                    column: location.column, notes: ["remove it, so it cannot hide a later use"])))
            }
        }
        return findings
    }

    /// "do not use" stays as it is; a list of alternatives reads "consider: …".
    static func advice(_ suggestion: String) -> String {
        let lower = suggestion.lowercased()
        return lower.hasPrefix("do not") || lower.hasPrefix("review") || lower.hasPrefix("remove") || lower.hasPrefix("use ")
            || lower.hasPrefix("describe") || lower.hasPrefix("choose") || lower.hasPrefix("if ") || lower.hasPrefix("explain")
            || lower.hasPrefix("acknowledge")
            ? suggestion : "consider: \(suggestion)"
    }

    static func normalise(_ text: String) -> String {
        // Characters mapped in Swift: Foundation's replacingOccurrences cost more than the rest.
        String(text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ").map { $0 == "’" ? "'" : $0 })
    }

    /// An allowance covers a finding when either phrase contains the other.
    static func allows(_ allowance: LanguageAllowance, _ phrase: String) -> Bool {
        let term = normalise(allowance.term.value)
        return !term.isEmpty && (phrase.contains(term) || term.contains(phrase))
    }

    /// Ranges (UTF-16) inside “curly” or "straight" double quotes, or ‘curly single’ quotes,
    /// never across a block. An apostrophe (’ between letters) does not close a quote.
    static func quotedRanges(in text: String) -> [NSRange] {
        // UTF-16 code units, the unit NSRange counts in; every quote mark is one unit.
        let units = Array(text.utf16)
        var ranges: [NSRange] = []
        var openDouble: Int?, openSingle: Int?, openStraight: Int?
        func isLetter(_ unit: UInt16) -> Bool {
            (0x61...0x7A).contains(unit) || (0x41...0x5A).contains(unit) || (unit >= 0xC0 && !(0x2000...0x206F).contains(unit))
        }
        for (offset, unit) in units.enumerated() {
            switch unit {
            case 0x201C: openDouble = offset
            case 0x201D:
                if let start = openDouble { ranges.append(NSRange(location: start, length: offset - start)); openDouble = nil }
            case 0x22:
                if let start = openStraight { ranges.append(NSRange(location: start, length: offset - start)); openStraight = nil }
                else { openStraight = offset }
            case 0x2018: openSingle = offset
            case 0x2019:
                let next = offset + 1 < units.count ? units[offset + 1] : 0x20
                if let start = openSingle, !isLetter(next) {
                    ranges.append(NSRange(location: start, length: offset - start)); openSingle = nil
                }
            case 0x0A:
                if offset + 1 < units.count, units[offset + 1] == 0x0A { openDouble = nil; openSingle = nil; openStraight = nil }
            default: break
            }
        }
        return ranges
    }
}
