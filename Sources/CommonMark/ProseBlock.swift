/// One block of a Markdown document's visible text, with where it sits, for checks that read
/// prose (language, readability) and must point back at the source.
public struct ProseBlock: Sendable, Equatable {
    /// What kind of block the text comes from.
    public enum Kind: Sendable, Equatable {
        case paragraph
        case heading(level: Int)
        /// Fenced or indented code: not prose, listed so checks can skip it knowingly.
        case code
    }

    public let kind: Kind
    /// The visible text: text nodes, link text and image alt text, soft and hard breaks as
    /// spaces. Inline code becomes U+FFFC, so words around it never join into a phrase;
    /// link destinations and raw HTML are left out.
    public let text: String
    /// 1-based lines of the block in the Markdown text, first and last.
    public let startLine: Int
    public let endLine: Int
    /// Inside a `>` block quote (quoted testimony, by convention).
    public let inBlockQuote: Bool
    /// Inside a list item.
    public let inList: Bool

    public init(kind: Kind, text: String, startLine: Int, endLine: Int, inBlockQuote: Bool, inList: Bool) {
        self.kind = kind
        self.text = text
        self.startLine = startLine
        self.endLine = endLine
        self.inBlockQuote = inBlockQuote
        self.inList = inList
    }

    /// The character that stands for inline code in `text`.
    public static let codePlaceholder: Character = "\u{FFFC}"
}
