import Foundation
import SiteModel

/// `hub check --format json`: a stable schema (README "Check output"), keys sorted and
/// always present (`null` when unknown), so tools and diffs can rely on it. `schema`
/// changes only when a field is removed or changes meaning.
public enum CheckReportJSON {
    public static let schema = "recoveryhub-check/1"

    struct Document: Encodable {
        let schema: String
        let today: String
        let summary: Summary
        let findings: [FindingJSON]
        let documents: [DocumentJSON]
    }

    struct Summary: Encodable {
        let articles: Int
        let pages: Int
        let errors: Int
        let warnings: Int
        let info: Int
    }

    struct FindingJSON: Encodable {
        let rule: String
        let severity: String
        @EncodedAsNull var file: String?
        @EncodedAsNull var line: Int?
        @EncodedAsNull var column: Int?
        let message: String
        let notes: [String]
        @EncodedAsNull var phrase: String?
        @EncodedAsNull var suggestion: String?
    }

    struct DocumentJSON: Encodable {
        let file: String
        let kind: String
        let slug: String
        let title: String
        let owner: String
        let reviewers: [ReviewerJSON]
        @EncodedAsNull var last_reviewed: String?
        @EncodedAsNull var next_review: String?
        let review_status: String
        let sources: Int
        @EncodedAsNull var readability: ReadabilityJSON?
        let errors: Int
        let warnings: Int
        let info: Int
    }

    struct ReviewerJSON: Encodable {
        let name: String
        let kind: String
    }

    struct ReadabilityJSON: Encodable {
        let flesch_kincaid_grade: Double
        let flesch_reading_ease: Double
        @EncodedAsNull var smog: Double?
        let mean_sentence_length: Double
        let sentences: Int
        let words: Int
        let long_sentences: [LongSentenceJSON]
    }

    struct LongSentenceJSON: Encodable {
        let line: Int
        let words: Int
    }

    /// Figures to two decimal places: enough for editors, and stable across platforms.
    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    public static func encode(_ report: CheckReport) -> String {
        let findings = report.findings.map { finding in
            FindingJSON(rule: finding.rule.rawValue, severity: finding.severity.rawValue,
                        file: finding.diagnostic.location?.path,
                        line: finding.diagnostic.location.flatMap { $0.line > 0 ? $0.line : nil },
                        column: finding.diagnostic.location.flatMap { $0.column > 0 ? $0.column : nil },
                        message: finding.diagnostic.message, notes: finding.diagnostic.notes,
                        phrase: finding.phrase, suggestion: finding.suggestion)
        }
        let documents = report.documents.map { record in
            DocumentJSON(file: record.path, kind: record.kind.rawValue, slug: record.slug, title: record.title, owner: record.owner,
                         reviewers: record.reviewers.map { ReviewerJSON(name: $0.name, kind: $0.kind.rawValue) },
                         last_reviewed: record.lastReviewed?.iso, next_review: record.nextReview?.iso,
                         review_status: record.reviewStatus.rawValue, sources: record.sources,
                         readability: record.readability.map { scores in
                             ReadabilityJSON(flesch_kincaid_grade: round(scores.fleschKincaidGrade),
                                             flesch_reading_ease: round(scores.fleschReadingEase),
                                             smog: scores.smog.map(round), mean_sentence_length: round(scores.meanSentenceLength),
                                             sentences: scores.sentences, words: scores.words,
                                             long_sentences: record.longSentences.map { LongSentenceJSON(line: $0.line, words: $0.words) })
                         },
                         errors: record.errors, warnings: record.warnings, info: record.info)
        }
        let document = Document(
            schema: schema, today: report.today.iso,
            summary: Summary(articles: report.documents.filter { $0.kind == .article }.count,
                             pages: report.documents.filter { $0.kind == .page }.count,
                             errors: report.count(.error), warnings: report.count(.warning), info: report.count(.info)),
            findings: findings, documents: documents)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
