/// The front matter of an article or page, decoded strictly (docs/content-model.md).
///
/// Articles and pages share this one type; the schema decides which keys each may use and
/// which are required, so a page simply has no topics, authors or sources.
public struct FrontMatter: Sendable {
    public var title: String = ""
    public var summary: String = ""
    public var topics: [Located<String>] = []
    public var published: Day?
    public var updated: Day?
    public var lastReviewed: Located<Day>?
    public var nextReview: Located<Day>?
    public var authors: [Author] = []
    public var reviewers: [Reviewer] = []
    public var sources: [Located<Source>] = []
    public var contentNote: String?
    public var nations: [Nation] = []
    public var aliases: [Located<String>] = []
    public var slug: Located<String>?
    public var weight: Int = 0
    public var related: [Located<String>] = []
    public var isDraft: Bool = false
    /// Language-guide terms this article may use, each with its reason.
    public var languageAllow: [LanguageAllowance] = []
    /// Shows the "Exit this page" button (GOV.UK pattern) on this article.
    public var quickExit: Bool = false

    public init() {}
}

/// Whether a document is an article (in topics, feeds and search) or a standalone page.
public enum DocumentKind: String, Sendable, Hashable {
    case article
    case page
}

/// An article or page after its front matter has been read: the unit the build works on.
public final class SourceDocument: Sendable {
    public let kind: DocumentKind
    /// Path relative to the site root, as shown in diagnostics: `Content/articles/x.md`.
    public let path: String
    public let frontMatter: FrontMatter
    /// The whole file as written, for quoting lines in diagnostics.
    public let text: String
    /// The Markdown after the closing `---` (a slice of `text`, not a copy).
    public let body: Substring
    /// Lines before the body, added to cmark's line numbers.
    public let bodyLineOffset: Int
    /// The final slug: from the front matter, else the file name.
    public let slug: String

    public init(kind: DocumentKind, path: String, frontMatter: FrontMatter, text: String, body: Substring,
                bodyLineOffset: Int, slug: String) {
        self.kind = kind
        self.path = path
        self.frontMatter = frontMatter
        self.text = text
        self.body = body
        self.bodyLineOffset = bodyLineOffset
        self.slug = slug
    }

    /// `slug/`.
    public var sitePath: SitePath { SitePath(slug + "/") }
}
