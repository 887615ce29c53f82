/// A heading found in a Markdown document, with the id the renderer gave it.
public struct Heading: Sendable, Equatable {
    /// 1 to 6.
    public let level: Int
    /// The heading's plain text (inline markup removed).
    public let text: String
    /// The unique `id` attribute written on the heading element.
    public let id: String
    /// 1-based line in the Markdown text.
    public let line: Int
}

/// A link or image destination as written in the Markdown, with where it was written.
public struct MarkdownLink: Sendable, Equatable {
    /// The destination exactly as written (after CommonMark unescaping).
    public let destination: String
    /// 1-based line in the Markdown text.
    public let line: Int
    /// 1-based UTF-8 byte column in that line, as cmark reports it.
    public let byteColumn: Int
    /// True for `![alt](src)`.
    public let isImage: Bool
    /// Whether anything is written between the brackets: a link's words, an image's alt
    /// text. Without it a screen reader has nothing to say but the address.
    public var hasText = true
}

/// Everything the build needs from one Markdown document, gathered in a single tree walk.
public struct RenderedMarkdown: Sendable {
    /// The HTML body, byte for byte what cmark renders apart from heading ids and the
    /// `rel` attribute on external links.
    public let html: String
    /// Every heading, in document order.
    public let headings: [Heading]
    /// The visible text (no markup, no raw HTML), one block per line: for summaries,
    /// reading time, checks and the search index.
    public let plainText: String
    /// Whitespace-separated words in `plainText`.
    public let wordCount: Int
    /// Every link and image destination, in document order, before any rewriting.
    public let links: [MarkdownLink]
    /// The prose, block by block, when asked for: the content checks read it from the same
    /// parse as the page, instead of parsing the document again.
    public var prose: [ProseBlock] = []
}
