import Foundation
import SiteModel

/// `hub check`'s default and `--format github` output.
public enum CheckReportText {
    /// Compiler-style findings (errors and warnings; info too when asked), then a summary
    /// table: one row per article with its reading grade and counts, and the totals.
    public static func format(_ report: CheckReport, colours: Bool, includeInfo: Bool, limit: Int = 200) -> String {
        let shown = report.findings.filter { includeInfo || $0.severity != .info }.map(\.diagnostic)
        var text = DiagnosticPrinter(colours: colours, limit: limit).format(shown)
        if !shown.isEmpty { text += "\n" }
        let articles = report.documents.filter { $0.kind == .article }
        // A row per article is useful up to a page or so; beyond, the totals say enough.
        if !articles.isEmpty, articles.count <= 60 {
            var rows = [["article", "grade", "reading age", "errors", "warnings", "info", "review"]]
            for record in articles {
                rows.append([record.slug,
                             record.readability.map { ReadabilityCheck.rounded($0.fleschKincaidGrade) } ?? "–",
                             record.readability.map { String(ReadabilityCheck.readingAge($0.fleschKincaidGrade)) } ?? "–",
                             String(record.errors), String(record.warnings), String(record.info), reviewLabel(record)])
            }
            text += table(rows) + "\n"
        }
        let grades = articles.compactMap { $0.readability?.fleschKincaidGrade }.sorted()
        let median = grades.isEmpty ? "–" : ReadabilityCheck.rounded(grades[grades.count / 2])
        let highest = grades.last.map(ReadabilityCheck.rounded) ?? "–"
        text += table([["articles", "pages", "errors", "warnings", "info", "median grade", "highest grade"],
                       [String(articles.count), String(report.documents.count - articles.count),
                        String(report.count(.error)), String(report.count(.warning)), String(report.count(.info)), median, highest]])
        return text
    }

    /// "due 2027-01-10", "OVERDUE since …": words, not only colour.
    static func reviewLabel(_ record: DocumentRecord) -> String {
        guard let next = record.nextReview?.iso else { return "no date" }
        switch record.reviewStatus {
        case .overdue: return "overdue since \(next)"
        case .due: return "due \(next)"
        case .current, .none: return "next \(next)"
        }
    }

    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let line = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            let trimmed = line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            return index == 0 ? trimmed + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") : trimmed
        }.joined(separator: "\n") + "\n"
    }

    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
    public static func github(_ report: CheckReport, includeInfo: Bool) -> String {
        report.findings.filter { includeInfo || $0.severity != .info }.map { finding in
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var properties: [String] = []
            if let location = finding.diagnostic.location {
                properties.append("file=\(escapeProperty(location.path))")
                if location.line > 0 { properties.append("line=\(location.line)") }
                if location.column > 0 { properties.append("col=\(location.column)") }
            }
            properties.append("title=\(escapeProperty("hub check: \(finding.rule.rawValue)"))")
            let message = ([finding.diagnostic.message] + finding.diagnostic.notes).joined(separator: "\n")
            return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }.joined()
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
