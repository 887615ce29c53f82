/// The rules for the URL names of articles, pages and topics: `a-z`, `0-9` and single
/// hyphens, not at either end. They keep every URL inside the output folder.
public enum Slug {
    /// True when `text` is a valid slug.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 100, text.first != "-", text.last != "-",
              !text.contains("--") else { return false }
        return text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    /// What a valid slug looks like, for error messages.
    public static let rule = "lowercase letters a–z, digits and single hyphens, like 'peer-support'"
}
