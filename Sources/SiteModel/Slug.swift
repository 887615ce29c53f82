/// The rules for the URL names of articles, pages and topics: `a-z`, `0-9` and single
/// hyphens, not at either end. They keep every URL inside the output folder.
public enum Slug {
    /// True when `text` is a valid slug.
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 100, bytes.first != 0x2D, bytes.last != 0x2D,
              !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 0x2D && $1 == 0x2D }) else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    /// What a valid slug looks like, for error messages.
    public static let rule = "lowercase letters a–z, digits and single hyphens, like 'peer-support'"
}
