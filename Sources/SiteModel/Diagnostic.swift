/// One problem found in the user's input, reported like the Swift compiler does.
public struct Diagnostic: Sendable, Hashable {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public let severity: Severity
    public let message: String
    /// Where the problem is; nil for problems with no file (a bad command-line option).
    public let location: SourceLocation?
    /// The text of the line at `location`, printed under the message with a caret.
    public let sourceLine: String?
    /// Underlying causes and suggestions, each printed as `note: …`.
    public let notes: [String]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil,
                sourceLine: String? = nil, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.notes = notes
    }

    /// An error at `location`.
    public static func error(_ message: String, at location: SourceLocation? = nil,
                             sourceLine: String? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, sourceLine: sourceLine, notes: notes)
    }

    /// A warning at `location`: printed, and fatal only with `--strict`.
    public static func warning(_ message: String, at location: SourceLocation? = nil,
                               sourceLine: String? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, sourceLine: sourceLine, notes: notes)
    }
}

extension Diagnostic: Comparable {
    /// File order, then position: the order a reader fixes them in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return true
        case (_?, nil): return false
        default: return (lhs.severity, lhs.message) < (rhs.severity, rhs.message)
        }
    }
}

/// Thrown when a stage found errors: every problem of that stage, not only the first.
public struct BuildFailure: Error, Sendable {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}

/// A single diagnostic can be thrown where one problem ends the work on one file.
extension Diagnostic: Error {}
