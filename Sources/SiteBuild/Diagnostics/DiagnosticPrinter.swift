import Foundation
import SiteModel

/// Formats diagnostics the way the Swift compiler does:
///
///     Content/articles/x.md:4:7: error: 'published' is not a real date: '2026-02-30'
///     published: 2026-02-30
///                ^
///     note: …
public struct DiagnosticPrinter: Sendable {
    /// ANSI colours, only when writing to a terminal.
    public var colours: Bool
    /// At most this many diagnostics are printed; the rest are counted.
    public var limit: Int

    public init(colours: Bool = false, limit: Int = 50) {
        self.colours = colours
        self.limit = limit
    }

    /// All of `diagnostics`, sorted by file and position, capped at `limit`.
    public func format(_ diagnostics: [Diagnostic]) -> String {
        let sorted = diagnostics.sorted()
        var text = sorted.prefix(limit).map(format).joined()
        if sorted.count > limit {
            let errors = sorted.dropFirst(limit).filter { $0.severity == .error }.count
            let warnings = sorted.count - limit - errors
            text += "… and \(errors) more errors and \(warnings) more warnings not shown\n"
        }
        return text
    }

    /// Characters of a source line shown around the caret.
    static let window = 120

    public func format(_ diagnostic: Diagnostic) -> String {
        let label: String
        switch diagnostic.severity {
        case .error: label = paint("error:", "1;31")
        case .warning: label = paint("warning:", "1;35")
        case .note: label = paint("note:", "1;30")
        }
        var text = (diagnostic.location.map { paint("\($0):", "1") + " " } ?? "") + label + " " + paint(diagnostic.message, "1") + "\n"
        if let line = diagnostic.sourceLine, let column = diagnostic.location?.column {
            // Very long lines are cut to a window around the caret.
            let characters = Array(line)
            let start = max(0, min(column - 1, characters.count) - Self.window / 2)
            let end = min(characters.count, start + Self.window)
            let prefix = start > 0 ? "…" : "", suffix = end < characters.count ? "…" : ""
            text += prefix + String(characters[start..<end]).replacingTabs() + suffix + "\n"
            if column > 0 {
                let padding = prefix.count + String(characters[start..<min(max(start, column - 1), end)]).replacingTabs().count
                text += String(repeating: " ", count: padding) + paint("^", "1;32") + "\n"
            }
        }
        for note in diagnostic.notes { text += paint("note:", "1;30") + " " + note + "\n" }
        return text
    }

    private func paint(_ text: String, _ code: String) -> String {
        colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

private extension StringProtocol {
    /// Tabs as four spaces, so the caret lines up.
    func replacingTabs() -> String { String(self).replacingOccurrences(of: "\t", with: "    ") }
}
