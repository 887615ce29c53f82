import SiteModel

/// One result of a content check: a diagnostic, which rule found it, and for language
/// findings the exact words and the suggested alternative.
public struct Finding: Sendable, Hashable {
    /// The checks, as named in JSON output and the register.
    public enum Rule: String, Sendable, Hashable, CaseIterable, Comparable {
        case build, links, language, readability, trust
        case safeMessaging = "safe-messaging"

        public static func < (lhs: Rule, rhs: Rule) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// `error` fails the build, `warning` fails it with `--strict`, `info` is advice.
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case error, warning, info

        init(_ severity: Diagnostic.Severity) {
            switch severity {
            case .error: self = .error
            case .warning: self = .warning
            case .note: self = .info
            }
        }

        var diagnosticSeverity: Diagnostic.Severity {
            switch self {
            case .error: return .error
            case .warning: return .warning
            case .info: return .note
            }
        }
    }

    public let rule: Rule
    public let diagnostic: Diagnostic
    /// The words as written (language findings).
    public let phrase: String?
    /// What to write instead (language findings).
    public let suggestion: String?

    public init(_ rule: Rule, _ diagnostic: Diagnostic, phrase: String? = nil, suggestion: String? = nil) {
        self.rule = rule
        self.diagnostic = diagnostic
        self.phrase = phrase
        self.suggestion = suggestion
    }

    public var severity: Severity { Severity(diagnostic.severity) }
}

extension SourceText {
    /// A diagnostic of any severity at `line:column`, quoting the line.
    func diagnostic(_ severity: Finding.Severity, _ message: String, line: Int, column: Int = 0,
                    notes: [String] = []) -> Diagnostic {
        Diagnostic(severity.diagnosticSeverity, message, at: location(line: line, column: column),
                   sourceLine: line > 0 ? self.line(line) : nil, notes: notes)
    }
}
