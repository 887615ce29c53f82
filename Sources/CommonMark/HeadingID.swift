import Foundation

/// Makes heading ids: the slug of the heading's text, unique within one document.
///
/// The id is written into HTML unescaped (inside a custom cmark node), so it is restricted
/// to `a-z`, `0-9` and `-`: that restriction is what makes it safe, not just tidy.
public struct HeadingIDGenerator {
    private var used: [String: Int] = [:]

    public init() {}

    /// The id for the next heading with this text: `text-slug`, then `text-slug-2`, `-3`…
    public mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        guard let count = used[base] else {
            used[base] = 1
            return base
        }
        var next = count + 1
        var candidate = "\(base)-\(next)"
        // A heading literally called "Intro 2" must not collide with the second "Intro".
        while used[candidate] != nil {
            next += 1
            candidate = "\(base)-\(next)"
        }
        used[base] = next
        used[candidate] = 1
        return candidate
    }

    /// Lowercase ASCII letters and digits, accents folded, apostrophes dropped, every other
    /// run of characters turned into one hyphen. `"What's WRAP?"` → `"whats-wrap"`.
    public static func slug(_ text: String) -> String {
        // Folding changes nothing in ASCII that the loop below does not (it lower-cases), and
        // costs more than the rest of a heading's rendering: only other text is folded.
        let folded = text.utf8.allSatisfy({ $0 < 0x80 }) ? text
            : text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        // Into bytes: a String appended a scalar at a time cost 10,000 instructions a heading.
        var slug: [UInt8] = []
        slug.reserveCapacity(folded.utf8.count)
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "A"..."Z":
                if pendingHyphen, !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                let byte = UInt8(scalar.value)
                slug.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
            case "'", "\u{2019}", "\u{2018}":
                continue
            default:
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
    }
}
