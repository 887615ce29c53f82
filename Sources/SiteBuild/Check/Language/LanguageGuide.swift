import Foundation
import SiteModel

/// The language guide: `Content/data/language-guide.tsv`, one term a row (DOMAIN.md §1.6).
///
/// Columns: `term_pattern` (a regular expression, matched case-insensitively against prose),
/// `suggestion`, `severity` (`error`, `warning`, `info`), `reason`, `source`, and an
/// optional `safe_messaging_severity` that replaces `severity` in articles on safe-messaging
/// topics (suicide, self-harm), where method detail is an error. Teams change severities
/// and add terms here, not in code.
struct LanguageGuide: Sendable {
    struct Term: @unchecked Sendable {
        // NSRegularExpression is immutable once made and documented as safe to share.
        let expression: NSRegularExpression
        /// The same pattern matched case-sensitively against lower-cased text, when the
        /// pattern has no capital letters: ICU scans far faster without case folding.
        let lowerCaseExpression: NSRegularExpression?
        /// What every match contains, to skip prose that cannot match; nil: always scan.
        let required: RequiredText?
        let pattern: String
        let suggestion: String
        let severity: Finding.Severity
        let safeMessagingSeverity: Finding.Severity?
        let reason: String
        let source: String
        /// The row in the TSV, for diagnostics about the term itself.
        let line: Int
    }

    let terms: [Term]
    /// Rules terms out of prose that lacks what they require.
    let prefilter: TermPrefilter

    init(terms: [Term]) {
        self.terms = terms
        prefilter = TermPrefilter(terms.map(\.required))
    }

    static let empty = LanguageGuide(terms: [])
    static let columns = ["term_pattern", "suggestion", "severity", "reason", "source"]

    /// Capital letters other than escapes (`\S`, `\W`, `\B`, `\p{L}`…): such a pattern
    /// cannot simply be matched against lower-cased text.
    static func hasCapitals(_ pattern: String) -> Bool {
        var previous: Character = " "
        for character in pattern {
            if character.isUppercase, previous != "\\" { return true }
            previous = previous == "\\" ? " " : character
        }
        return false
    }

    /// Reads the TSV; every malformed row is an error at its line and column.
    static func read(_ file: SourceText) -> Result<LanguageGuide, BuildFailure> {
        var diagnostics: [Diagnostic] = []
        var terms: [Term] = []
        let lines = file.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }),
              Array(header.prefix(columns.count)) == columns else {
            return .failure(BuildFailure([file.error("the first line must be the column names: \((columns + ["safe_messaging_severity (optional)"]).joined(separator: ", ")), separated by tabs",
                                                     line: 1, column: 1)]))
        }
        let safeColumn = header.firstIndex(of: "safe_messaging_severity")
        for (index, rawLine) in lines.enumerated().dropFirst() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= columns.count else {
                diagnostics.append(file.error("expected \(columns.count) tab-separated columns, found \(cells.count)", line: lineNumber, column: 1))
                continue
            }
            func column(of cell: Int) -> Int { cells.prefix(cell).reduce(1) { $0 + $1.count + 1 } }
            let expression: NSRegularExpression
            do {
                expression = try NSRegularExpression(pattern: cells[0], options: [.caseInsensitive])
            } catch {
                diagnostics.append(file.error("'term_pattern' is not a valid regular expression", line: lineNumber, column: 1))
                continue
            }
            func severity(_ cell: Int) -> Finding.Severity? {
                let text = cells[cell].trimmingCharacters(in: .whitespaces)
                guard let value = Finding.Severity(rawValue: text) else {
                    diagnostics.append(file.error("severity must be error, warning or info, not '\(text)'", line: lineNumber, column: column(of: cell)))
                    return nil
                }
                return value
            }
            guard let base = severity(2) else { continue }
            var safe: Finding.Severity?
            if let safeColumn, safeColumn < cells.count, !cells[safeColumn].trimmingCharacters(in: .whitespaces).isEmpty {
                guard let value = severity(safeColumn) else { continue }
                safe = value
            }
            terms.append(Term(expression: expression, lowerCaseExpression: Self.hasCapitals(cells[0]) ? nil : try? NSRegularExpression(pattern: cells[0]),
                              required: RequiredText.of(cells[0]),
                              pattern: cells[0], suggestion: cells[1], severity: base,
                              safeMessagingSeverity: safe, reason: cells[3], source: cells[4], line: lineNumber))
        }
        guard diagnostics.isEmpty else { return .failure(BuildFailure(diagnostics)) }
        return .success(LanguageGuide(terms: terms))
    }
}
