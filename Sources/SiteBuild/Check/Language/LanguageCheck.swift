import Foundation
import SiteModel

/// Finds language-guide terms in an article's prose (not its code or link destinations),
/// honouring the article's `language_allow` list and, by default, sparing quoted speech and
/// block quotes from warnings and info (people may describe themselves in their own words).
struct LanguageCheck: Sendable {
    let guide: LanguageGuide
    let settings: CheckSettings

    func findings(for document: SourceDocument, prose: ProseUnits) -> [Finding] {
        let units = prose.units.filter { $0.kind != .code }
        guard !guide.terms.isEmpty || !document.frontMatter.languageAllow.isEmpty else { return [] }
        // One string per document, so each term's expression runs once per article.
        var joined = ""
        var starts: [Int] = []
        // A running UTF-16 count: asking `joined.utf16.count` after each append rebuilds the
        // string's UTF-16 index for non-ASCII text every time (quadratic in the article).
        var length = 0
        for unit in units {
            starts.append(length)
            joined += unit.text + "\n\n"
            length += unit.text.utf16.count + 2
        }
        let text = joined as NSString
        // Lower-cased once, for the case-sensitive expressions; only when that keeps every
        // UTF-16 offset (it does for ASCII and most text), so match ranges stay valid.
        let lower = joined.lowercased()
        let lowerUsable = lower.utf16.count == text.length
        let quoted = Self.quotedRanges(in: joined)
        let isSafeMessaging = !Set(document.frontMatter.topics.map(\.value)).isDisjoint(with: settings.safeMessagingTopics)
        var allowanceUsed = Array(repeating: false, count: document.frontMatter.languageAllow.count)
        var occurrences: [String: Int] = [:]
        var findings: [Finding] = []
        let lowerBytes = Array(lower.utf8)
        for term in guide.terms where Self.mayOccur(term, in: lowerBytes) {
            let severity = isSafeMessaging ? term.safeMessagingSeverity ?? term.severity : term.severity
            let whole = NSRange(location: 0, length: text.length)
            let matches: [NSTextCheckingResult]
            if lowerUsable, let fast = term.lowerCaseExpression {
                matches = fast.matches(in: lower, range: whole)
            } else {
                matches = term.expression.matches(in: joined, range: whole)
            }
            for match in matches {
                let unitIndex = (starts.lastIndex { $0 <= match.range.location }) ?? 0
                let unit = units[unitIndex]
                if severity != .error, settings.quotesExempt,
                   unit.inBlockQuote || quoted.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) {
                    continue
                }
                let phrase = text.substring(with: match.range)
                let normalised = Self.normalise(phrase)
                // An allowance without a reason allows nothing (and is an error below).
                if let allowed = document.frontMatter.languageAllow.firstIndex(where: { $0.reason != nil && Self.allows($0, normalised) }) {
                    allowanceUsed[allowed] = true
                    continue
                }
                let key = "\(unitIndex)\u{0}\(normalised)"
                let occurrence = occurrences[key, default: 0]
                occurrences[key] = occurrence + 1
                let (line, column) = prose.locate(phrase, occurrence: occurrence, in: unit)
                var notes = [term.reason]
                if severity != .info { notes.append("if this wording is right here, add it to 'language_allow' with a reason") }
                let diagnostic = prose.file.diagnostic(severity, "'\(phrase)': \(Self.advice(term.suggestion))",
                                                       line: line, column: column, notes: notes)
                findings.append(Finding(.language, diagnostic, phrase: phrase, suggestion: term.suggestion))
            }
        }
        for (index, allowance) in document.frontMatter.languageAllow.enumerated() {
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

    /// False only when none of the term's required strings is in the text.
    static func mayOccur(_ term: LanguageGuide.Term, in text: [UInt8]) -> Bool {
        guard let literals = term.requiredLiterals else { return true }
        return text.withUnsafeBytes { haystack in
            literals.contains { needle in needle.withUnsafeBytes { contains(haystack, $0) } }
        }
    }

    /// Byte substring search: `memchr` for the first byte, then a compare.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        guard let first = needle.first else { return true }
        guard let base = haystack.baseAddress, let needleBase = needle.baseAddress, haystack.count >= needle.count else { return false }
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last {
            guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
            let position = base.distance(to: UnsafeRawPointer(found))
            if memcmp(base + position, needleBase, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
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
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .replacingOccurrences(of: "’", with: "'")
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
