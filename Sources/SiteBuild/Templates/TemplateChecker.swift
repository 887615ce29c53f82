import SiteModel

/// Finds what swift-mustache would silently render as nothing: partials and parents that
/// do not exist, names that are not in the view model, assets that are not there, and
/// unescaped output of anything but a rendered body.
struct TemplateChecker {
    let source: SourceText
    /// The template's tags, scanned once by `TemplateSet`.
    let tags: [MustacheTag]
    let templateNames: Set<String>
    let assetNames: Set<String>

    /// Every name the view model can contain (docs/templates.md). A test checks this list
    /// against the contexts the build really produces.
    static let vocabulary: Set<String> = [
        "root", "site", "title", "tagline", "language", "base_url", "introduction", "organisation", "name", "url",
        "navigation", "is_current", "footer_links", "page", "description", "canonical_url", "kind", "is_home",
        "breadcrumbs", "topics", "slug", "article_count", "urgent_help", "contacts", "hours", "phone", "phone_href",
        "sms", "sms_body", "sms_href", "email", "email_href", "nations", "last_verified", "feed_url", "sitemap_url",
        "asset", "article", "summary", "content_note", "body", "published", "updated", "last_reviewed", "next_review",
        "review_line", "reading_time", "word_count", "authors", "role", "reviewers", "kind_label", "sources",
        "publisher", "accessed", "toc", "id", "children", "has_toc", "previous", "next", "related", "is_draft",
        "is_scheduled", "content_page", "home", "latest", "recently_reviewed", "topic", "articles", "index", "letters",
        "letter", "entries", "redirect", "iso", "human", "quick_exit", "structured_data", "csp", "og_type",
    ]

    /// Values that hold rendered HTML (or JSON already escaped for a `<script>` data block)
    /// and so may use triple braces.
    static let rawHTMLNames: Set<String> = ["body", "structured_data"]

    func check() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var assetSection: (line: Int, column: Int, textStart: String.Index)?
        for tag in tags {
            func report(_ message: String, notes: [String] = []) {
                diagnostics.append(source.error(message, line: tag.line, column: tag.column, notes: notes))
            }
            if tag.isDelimiterChange { break } // custom delimiters: beyond what this checker reads
            switch tag.sigil {
            case ">", "<":
                let name = tag.name
                if !name.hasPrefix("*"), !templateNames.contains(name) {
                    report("no template named '\(name)'; expected Templates/\(name).mustache",
                           notes: YAMLReader.closest(to: name, in: templateNames.sorted()).map { ["did you mean '\($0)'?"] } ?? [])
                }
            case "$", "!", "%":
                continue
            default:
                if tag.sigil == "#", tag.name == "asset" { assetSection = (tag.line, tag.column, tag.end) }
                if tag.sigil == "/", tag.name == "asset", let open = assetSection {
                    let assetName = source.text[open.textStart..<tag.start].trimmingCharacters(in: .whitespacesAndNewlines)
                    if !assetNames.contains(assetName) {
                        diagnostics.append(source.error("no asset named '\(assetName)' in Templates/assets/", line: open.line,
                                                        column: open.column,
                                                        notes: YAMLReader.closest(to: assetName, in: assetNames.sorted()).map { ["did you mean '\($0)'?"] } ?? []))
                    }
                    assetSection = nil
                }
                // A closing tag repeats a name already checked where it opened.
                if tag.sigil == "/" { continue }
                for part in tag.nameParts where !Self.vocabulary.contains(part) {
                    report("'\(part)' is not in the view model",
                           notes: (YAMLReader.closest(to: part, in: Self.vocabulary.sorted()).map { ["did you mean '\($0)'?"] } ?? [])
                               + ["the names templates can use are listed in docs/templates.md"])
                }
                if tag.isUnescaped, let last = tag.nameParts.last, !Self.rawHTMLNames.contains(last) {
                    report("'\(tag.name)' is written with triple braces, which turns off HTML escaping",
                           notes: ["only a rendered body (article.body, content_page.body) and page.structured_data may be unescaped; use {{\(tag.name)}}"])
                }
            }
        }
        return diagnostics
    }
}

/// One `{{…}}` tag in a template.
struct MustacheTag {
    /// `#`, `^`, `/`, `>`, `<`, `$`, `!`, `&`, `{`, `=`, `%`, or `""` for a plain variable.
    let sigil: String
    /// The name with any transform removed: `empty(article.sources)` → `article.sources`.
    let name: String
    let line: Int
    let column: Int
    /// Where the tag starts and ends in the template text.
    let start: String.Index
    let end: String.Index

    var isUnescaped: Bool { sigil == "&" || sigil == "{" }
    var isDelimiterChange: Bool { sigil == "=" }

    /// The dotted components that must be view-model names (`.` alone is the current item).
    var nameParts: [String] {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }
}

/// Finds tags with the default `{{ }}` delimiters, with line and column.
enum MustacheTagScanner {
    static func tags(in text: String) -> [MustacheTag] {
        var tags: [MustacheTag] = []
        var searchStart = text.startIndex
        // Lines counted as the scan moves on, not from the start for every tag.
        var line = 1, lineStart = text.startIndex, counted = text.startIndex
        while let open = text.range(of: "{{", range: searchStart..<text.endIndex) {
            let isTriple = text[open.upperBound...].hasPrefix("{")
            let closer = isTriple ? "}}}" : "}}"
            guard let close = text.range(of: closer, range: open.upperBound..<text.endIndex) else { break }
            var inner = Substring(text[open.upperBound..<close.lowerBound])
            var sigil = ""
            if let first = inner.first, "#^/><$!&{=%".contains(first) {
                sigil = String(first)
                inner = inner.dropFirst()
            }
            if sigil == "{" { inner = inner.hasSuffix("}") ? inner.dropLast() : inner }
            var name = inner.trimmingCharacters(in: .whitespacesAndNewlines)
            // A transform: `empty(list)` → `list`.
            if let paren = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: paren)..<name.index(before: name.endIndex)])
            }
            for index in text[counted..<open.lowerBound].indices where text[index] == "\n" {
                line += 1
                lineStart = text.index(after: index)
            }
            counted = open.lowerBound
            let column = text[lineStart..<open.lowerBound].count + 1
            tags.append(MustacheTag(sigil: sigil, name: name, line: line, column: column,
                                    start: open.lowerBound, end: close.upperBound))
            searchStart = close.upperBound
        }
        return tags
    }
}
