import Foundation
import SiteModel

/// A new article's file for `hub new article`: valid front matter with today's dates, the
/// next review in three years, placeholders for authors and sources, and `draft: true`
/// so nothing half-written is published by accident (the preview shows drafts).
public enum ArticleScaffold {
    /// The slug for a title: `Peer support at work` → `peer-support-at-work`. Letters are
    /// folded to ASCII; nil if nothing usable is left.
    public static func slug(for title: String) -> String? {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        var slug = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.utf8.count > 80 {
            slug = String(slug.prefix(80))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return Slug.isValid(slug) ? slug : nil
    }

    /// The file's text. Strings are written as YAML double-quoted scalars.
    public static func text(title: String, topics: [String], today: Day) -> String {
        let next = today.adding(years: FrontMatterParser.maximumReviewYears)
        return """
            ---
            title: \(quoted(title))
            summary: "Replace with one or two plain sentences saying who this is for and what it covers."
            topics: [\(topics.joined(separator: ", "))]
            published: \(today.iso)
            last_reviewed: \(today.iso)
            next_review: \(next.iso)
            # Remove this line when the article is ready to publish.
            draft: true
            authors:
              - name: "Author name"
                role: "Author role"
            # Add each source you rely on; keep 'accessed' up to date.
            sources:
              - title: "Source title"
                publisher: "Publisher"
                url: "https://example.org/replace-with-the-source"
                accessed: \(today.iso)
            ---

            Start with what the reader most needs to know.

            ## A first heading

            Write in plain English, short sentences, one idea a paragraph.

            """
    }

    /// Problems with the scaffold for `path` in the site whose config is `siteConfig`:
    /// topics that site.yml does not declare, or front matter the build would reject.
    /// Without a site.yml the folder is not a site (`hub new` run from the wrong place), and
    /// nothing is written.
    public static func problems(text: String, path: String, siteConfig: Data?) -> [Diagnostic] {
        guard let siteConfig else { return [ContentLoader.missingSiteConfig] }
        var diagnostics: [Diagnostic] = []
        if case let .failure(failure) = FrontMatterParser.parse(SourceText(path: path, text: text), kind: .article) {
            diagnostics += failure.diagnostics
        }
        let configText: SourceText
        switch ContentLoader.decode(siteConfig, path: ContentLoader.siteConfigPath) {
        case let .failure(problem): return diagnostics + [problem]
        case let .success(text): configText = text
        }
        switch SiteConfigReader.read(configText) {
        case let .failure(failure): diagnostics += failure.diagnostics
        case let .success(config):
            let declared = config.topics.map(\.slug)
            if case let .success(document) = FrontMatterParser.parse(SourceText(path: path, text: text), kind: .article) {
                for topic in document.frontMatter.topics where !declared.contains(topic.value) {
                    let suggestion = YAMLReader.closest(to: topic.value, in: declared)
                    diagnostics.append(.error("topic '\(topic.value)' is not declared in \(ContentLoader.siteConfigPath)",
                                              notes: (suggestion.map { ["did you mean '\($0)'?"] } ?? [])
                                                  + ["declared topics: \(declared.joined(separator: ", "))"]))
                }
            }
        }
        return diagnostics
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n", "\r", "\t": result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
