import SiteModel

/// Everything `hub check` found, and what the register shows for each article.
public struct CheckReport: Sendable {
    /// The date the checks treated as today.
    public let today: Day
    public let siteTitle: String
    /// Every finding, sorted by file and position.
    public let findings: [Finding]
    /// One record per published article and page, in source-path order.
    public let documents: [DocumentRecord]

    public init(today: Day, siteTitle: String, findings: [Finding], documents: [DocumentRecord]) {
        self.today = today
        self.siteTitle = siteTitle
        // Their positions sorted, then each finding copied once: sorting 28,000 findings
        // themselves copied each many times over, on one core at the end of the build.
        let order = findings.indices.sorted { findings[$0].diagnostic < findings[$1].diagnostic }
        self.findings = order.map { findings[$0] }
        self.documents = documents
    }

    public func count(_ severity: Finding.Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Errors, and warnings too under `--strict`.
    public func failing(strict: Bool) -> [Finding] {
        findings.filter { $0.severity == .error || (strict && $0.severity == .warning) }
    }
}

/// An article or page as the content register lists it.
public struct DocumentRecord: Sendable {
    public enum ReviewStatus: String, Sendable {
        /// Next review more than the notice period away.
        case current
        /// Within the notice period (60 days by default).
        case due
        case overdue
        /// No `next_review` (pages may leave it out).
        case none
    }

    public let path: String
    public let kind: DocumentKind
    public let slug: String
    public let title: String
    /// Who answers for the page: its first author.
    public let owner: String
    public let reviewers: [Reviewer]
    public let lastReviewed: Day?
    public let nextReview: Day?
    public let reviewStatus: ReviewStatus
    public let sources: Int
    public let readability: ReadabilityScores?
    /// Lines of sentences over the long-sentence limit, with their word counts.
    public let longSentences: [(line: Int, words: Int)]
    public let errors: Int
    public let warnings: Int
    public let info: Int
}
