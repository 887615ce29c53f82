import SiteModel

/// The JSON-LD a page carries in `<script type="application/ld+json">`: schema.org
/// `MedicalWebPage` for articles (with who wrote and reviewed it, and when), `WebPage` for
/// the rest. Built by hand, in a fixed key order, so the same input gives the same bytes.
///
/// The text is safe inside a `<script>` element: `<`, `>` and `&` are written as `\u003c`
/// and so on, so no value can close the element or start a comment.
enum StructuredData {
    /// A JSON value whose objects keep their keys in the order given.
    indirect enum Value {
        case text(String)
        case list([Value])
        case object([(String, Value?)])
    }

    static func article(_ matter: FrontMatter, url: String, config: SiteConfig) -> String {
        let people = { (list: [(String, String)]) in Value.list(list.map { person($0.0, role: $0.1) }) }
        return encode(.object([
            ("@context", .text("https://schema.org")),
            ("@type", .text("MedicalWebPage")),
            ("name", .text(matter.title)),
            ("headline", .text(matter.title)),
            ("description", .text(matter.summary)),
            ("url", .text(url)),
            ("inLanguage", .text(config.language)),
            ("datePublished", matter.published.map { .text($0.iso) }),
            ("dateModified", (matter.updated ?? matter.published).map { .text($0.iso) }),
            ("lastReviewed", matter.lastReviewed.map { .text($0.value.iso) }),
            ("author", people(matter.authors.map { ($0.name, $0.role) })),
            ("reviewedBy", matter.reviewers.isEmpty ? nil : people(matter.reviewers.map { ($0.name, $0.role) })),
            ("publisher", organisation(config)),
            ("isPartOf", website(config)),
        ]))
    }

    static func webPage(title: String, description: String, url: String, lastReviewed: Day?, config: SiteConfig) -> String {
        encode(.object([
            ("@context", .text("https://schema.org")),
            ("@type", .text("WebPage")),
            ("name", .text(title)),
            ("description", description.isEmpty ? nil : .text(description)),
            ("url", .text(url)),
            ("inLanguage", .text(config.language)),
            ("lastReviewed", lastReviewed.map { .text($0.iso) }),
            ("publisher", organisation(config)),
            ("isPartOf", website(config)),
        ]))
    }

    private static func person(_ name: String, role: String) -> Value {
        .object([("@type", .text("Person")), ("name", .text(name)), ("jobTitle", .text(role))])
    }

    private static func organisation(_ config: SiteConfig) -> Value {
        .object([("@type", .text("Organization")), ("name", .text(config.organisation.name)),
                 ("url", .text(config.organisation.url))])
    }

    private static func website(_ config: SiteConfig) -> Value {
        .object([("@type", .text("WebSite")), ("name", .text(config.title)), ("url", .text(config.baseURL))])
    }

    // MARK: Encoding

    /// Written as UTF-8 bytes: appending to a `String` cost about 340 instructions a
    /// piece, and an article's data is about a hundred pieces.
    static func encode(_ value: Value) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case let .text(text): writeString(text, to: &out)
        case let .list(items):
            out.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(pairs):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in pairs {
                guard let value else { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most values need no escaping: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }) {
            out += text.utf8
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\"".utf8
            case "\\": out += "\\\\".utf8
            case "\n": out += "\\n".utf8
            case "\r": out += "\\r".utf8
            case "\t": out += "\\t".utf8
            // Inside <script>, these could end the element or open a comment.
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += ("\\u" + hex4(scalar.value)).utf8
            default:
                if scalar.value < 0x20 { out += ("\\u" + hex4(scalar.value)).utf8 } else { UTF8.encode(scalar) { out.append($0) } }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
