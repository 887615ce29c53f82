import SiteBuild
import SiteModel

/// The rebuild's problems as an accessible panel on top of every page: a `role="alert"`
/// region announced once, with a heading, each diagnostic as file:line:col, message,
/// source line with a caret, and notes. Warnings alone (issue 5's checks, later) use a
/// quieter `role="status"`.
public enum ErrorOverlay {
    /// The panel's HTML, or nil when there is nothing to show.
    public static func html(for diagnostics: [Diagnostic]) -> String? {
        guard !diagnostics.isEmpty else { return nil }
        let sorted = diagnostics.sorted()
        let errors = sorted.filter { $0.severity == .error }.count
        let warnings = sorted.filter { $0.severity == .warning }.count
        let failed = errors > 0
        var counts: [String] = []
        if errors > 0 { counts.append(count(errors, "error")) }
        if warnings > 0 { counts.append(count(warnings, "warning")) }
        let title = failed ? "The latest change did not build: \(counts.joined(separator: ", "))"
            : "The site built with \(counts.joined(separator: ", "))"
        let explanation = failed
            ? "You are seeing the last version that built. Fix the problem and save; the page reloads by itself."
            : "The page below is up to date."
        var html = """
            <section class="hub-overlay" id="hub-overlay" role="\(failed ? "alert" : "status")" aria-labelledby="hub-overlay-title" tabindex="-1">
            <h2 id="hub-overlay-title">\(escape(title))</h2>
            <p>\(explanation)</p>
            <ol>

            """
        for diagnostic in sorted.prefix(50) {
            html += "<li>" + item(diagnostic) + "</li>\n"
        }
        if sorted.count > 50 { html += "<li>… and \(sorted.count - 50) more; the terminal lists them all.</li>\n" }
        return html + "</ol>\n</section>\n"
    }

    private static func item(_ diagnostic: Diagnostic) -> String {
        var parts: [String] = []
        if let location = diagnostic.location {
            var whereText = location.path
            if location.line > 0 { whereText += ":\(location.line)" + (location.column > 0 ? ":\(location.column)" : "") }
            parts.append("<p class=\"hub-overlay__where\">\(escape(whereText))</p>")
        }
        let severity = diagnostic.severity.rawValue
        parts.append("<p><strong class=\"hub-overlay__severity--\(severity)\">\(severity):</strong> \(escape(diagnostic.message))</p>")
        if let line = diagnostic.sourceLine {
            let column = max(1, diagnostic.location?.column ?? 1)
            let caret = String(repeating: " ", count: column - 1) + "^"
            parts.append("<pre><code>\(escape(line))\n\(caret)</code></pre>")
        }
        for note in diagnostic.notes { parts.append("<p>note: \(escape(note))</p>") }
        return parts.joined(separator: "\n")
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
