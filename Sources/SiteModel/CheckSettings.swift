/// Thresholds and rules for the content checks, from `site.yml`'s optional `checks:` block.
/// The defaults follow DOMAIN.md (§2 trust, §3.3 readability, §4 crisis contacts).
public struct CheckSettings: Sendable, Hashable {
    /// Flesch–Kincaid grade an article aims for (reading age ≈ grade + 5). Above it: info.
    public var readingGradeTarget: Double = 6
    /// Above this grade: a warning.
    public var readingGradeWarning: Double = 8
    /// Flesch Reading Ease an article aims for; below it: info.
    public var readingEaseTarget: Double = 60
    /// Below this many scored words an article gets figures but no readability advice:
    /// the formulas mislead on short texts (DOMAIN.md §3.3).
    public var readabilityMinimumWords = 100
    /// Sentences longer than this many words are listed.
    public var longSentenceWords = 25
    /// Mean sentence length above this: info.
    public var meanSentenceWords: Double = 20
    /// Language-guide warnings and info are not reported inside quotation marks and block
    /// quotes (lived-experience testimony); errors still are.
    public var quotesExempt = true
    /// Articles on these topics must list sources (clinical and government-support content).
    public var sourcesRequiredTopics: [String] = []
    /// Reviewer kinds each topic's articles should have.
    public var reviewersRequired: [TopicReviewers] = []
    /// Topics that get safe-messaging checks: a content note, and method detail as errors.
    public var safeMessagingTopics: [String] = ["suicide", "self-harm"]
    /// Warn this many days before an article's `next_review`.
    public var reviewNoticeDays = 60
    /// Warn when an urgent-help contact was last verified longer ago than this.
    public var crisisVerifiedDays = 90

    public init() {}
}

/// The reviewer kinds that articles on one topic should have.
public struct TopicReviewers: Sendable, Hashable {
    public let topic: Located<String>
    public let kinds: [Reviewer.Kind]

    public init(topic: Located<String>, kinds: [Reviewer.Kind]) {
        self.topic = topic
        self.kinds = kinds
    }
}

/// An article's permission to use a language-guide term, with the reason recorded
/// (`language_allow: [{term: "mad", reason: "Mad Pride is the movement's own name"}]`).
public struct LanguageAllowance: Sendable, Hashable {
    /// The phrase as it appears in the article, matched without regard to case.
    public let term: Located<String>
    /// Why it is allowed; nil when missing, which is an error.
    public let reason: String?

    public init(term: Located<String>, reason: String?) {
        self.term = term
        self.reason = reason
    }
}
