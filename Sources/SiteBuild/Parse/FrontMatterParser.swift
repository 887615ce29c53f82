import Foundation
import SiteModel
import Yams

/// Reads one article or page file into a `SourceDocument`, reporting every problem in its
/// front matter with a line and column.
enum FrontMatterParser {
    /// The front matter keys of an article (docs/content-model.md).
    static let articleSchema = YAMLSchema(
        required: ["title", "summary", "topics", "published", "last_reviewed", "next_review", "authors"],
        optional: ["updated", "reviewers", "sources", "content_note", "nations", "aliases", "slug",
                   "weight", "related", "draft", "language_allow", "quick_exit"])

    /// The smaller schema of a standalone page.
    static let pageSchema = YAMLSchema(
        required: ["title", "summary"],
        optional: ["slug", "updated", "last_reviewed", "next_review", "aliases", "draft"])

    static let maximumSummaryLength = 300
    static let maximumReviewYears = 3

    /// Parses `file`; on failure returns its diagnostics (all of them).
    static func parse(_ file: SourceText, kind: DocumentKind) -> Result<SourceDocument, BuildFailure> {
        let parts: FrontMatterSplitter.Parts
        switch FrontMatterSplitter.split(file) {
        case let .success(split): parts = split
        case let .failure(diagnostic): return .failure(BuildFailure([diagnostic]))
        }
        let document = YAMLDocument(file: file, yaml: parts.yaml, lineOffset: 1)
        var diagnostics: [Diagnostic] = []
        guard let root = document.compose(into: &diagnostics) else {
            if diagnostics.isEmpty {
                let schema = kind == .article ? articleSchema : pageSchema
                diagnostics.append(file.error("front matter is empty; required keys: \(schema.allowed.filter(schema.required.contains).joined(separator: ", "))",
                                              line: 1, column: 1))
            }
            return .failure(BuildFailure(diagnostics))
        }
        var reader = YAMLReader(document)
        let frontMatter = read(root, kind: kind, reader: &reader)
        let slug = frontMatter.slug?.value ?? Self.slug(fromPath: file.path)
        if frontMatter.slug == nil, !Slug.isValid(slug) {
            reader.report(.error("the file name gives the slug '\(slug)', which is not valid; rename the file or set 'slug:'",
                                 at: file.location(), notes: ["a slug uses \(Slug.rule)"]))
        }
        let problems = reader.diagnostics
        guard !problems.contains(where: { $0.severity == .error }) else { return .failure(BuildFailure(problems)) }
        return .success(SourceDocument(kind: kind, path: file.path, frontMatter: frontMatter, text: file.text, body: parts.body,
                                       bodyLineOffset: parts.bodyLineOffset, slug: slug))
    }

    private static func read(_ root: Node, kind: DocumentKind, reader: inout YAMLReader) -> FrontMatter {
        var matter = FrontMatter()
        let schema = kind == .article ? articleSchema : pageSchema
        guard let fields = reader.mapping(root, what: "front matter", schema: schema) else { return matter }
        matter.title = reader.text(fields, "title") ?? ""
        matter.summary = reader.text(fields, "summary", maximumLength: maximumSummaryLength) ?? ""
        matter.topics = reader.texts(fields, "topics")
        matter.published = reader.day(fields, "published")?.value
        matter.updated = reader.day(fields, "updated")?.value
        matter.lastReviewed = reader.day(fields, "last_reviewed")
        matter.nextReview = reader.day(fields, "next_review")
        matter.authors = reader.list(fields, "authors") { reader, node in
            guard let person = reader.mapping(node, what: "an author", schema: .init(required: ["name", "role"], optional: [])) else { return nil }
            let name = reader.text(person, "name"), role = reader.text(person, "role")
            guard let name, let role else { return nil }
            return Author(name: name, role: role)
        }
        matter.reviewers = reader.list(fields, "reviewers") { reader, node in
            guard let person = reader.mapping(node, what: "a reviewer", schema: .init(required: ["name", "role", "kind"], optional: [])) else { return nil }
            let name = reader.text(person, "name"), role = reader.text(person, "role")
            let kind = reader.choice(person, "kind", as: Reviewer.Kind.self)
            guard let name, let role, let kind else { return nil }
            return Reviewer(name: name, role: role, kind: kind)
        }
        matter.sources = reader.list(fields, "sources") { reader, node in
            guard let source = reader.mapping(node, what: "a source",
                                              schema: .init(required: ["title", "publisher", "url", "accessed"], optional: [])) else { return nil }
            let title = reader.text(source, "title"), publisher = reader.text(source, "publisher")
            let url = reader.text(source, "url"), accessed = reader.day(source, "accessed")
            guard let title, let publisher, let url, let accessed else { return nil }
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.utf8.contains(UInt8(ascii: " ")) {
                reader.error("a source's 'url' must be a full web address starting https://, not '\(url)'", at: source.values["url"] ?? node)
            }
            return Located(Source(title: title, publisher: publisher, url: url, accessed: accessed.value),
                           at: reader.location(of: node))
        }
        matter.contentNote = reader.text(fields, "content_note")
        matter.nations = reader.choices(fields, "nations", as: Nation.self)
        matter.aliases = reader.texts(fields, "aliases")
        for alias in matter.aliases where !isValidAlias(alias.value) {
            reader.report(.error("alias '\(alias.value)' must be a site path like '/old-name/' with letters, digits, '-', '_' and '/'",
                                 at: alias.location))
        }
        if let node = fields.values["slug"], let slug = reader.text(fields, "slug") {
            if Slug.isValid(slug) {
                matter.slug = Located(slug, at: reader.location(of: node))
            } else {
                reader.error("slug '\(slug)' is not valid; use \(Slug.rule)", at: node)
            }
        }
        matter.weight = reader.integer(fields, "weight") ?? 0
        matter.related = reader.texts(fields, "related")
        matter.isDraft = reader.bool(fields, "draft") ?? false
        matter.languageAllow = reader.list(fields, "language_allow") { reader, node in
            // A missing reason is reported by the language check, with the other findings.
            guard let allowance = reader.mapping(node, what: "a language allowance",
                                                 schema: .init(required: ["term"], optional: ["reason"])),
                  let term = reader.text(allowance, "term"), let termNode = allowance.values["term"] else { return nil }
            return LanguageAllowance(term: Located(term, at: reader.location(of: termNode)), reason: reader.text(allowance, "reason"))
        }
        matter.quickExit = reader.bool(fields, "quick_exit") ?? false
        checkDates(matter, fields: fields, reader: &reader)
        return matter
    }

    private static func checkDates(_ matter: FrontMatter, fields: YAMLMapping, reader: inout YAMLReader) {
        if let last = matter.lastReviewed, let next = matter.nextReview {
            let latest = last.value.adding(years: maximumReviewYears)
            if next.value <= last.value {
                reader.report(.error("'next_review' (\(next.value.iso)) must be after 'last_reviewed' (\(last.value.iso))", at: next.location))
            } else if next.value > latest {
                reader.report(.error("'next_review' is more than \(maximumReviewYears) years after 'last_reviewed'; the latest allowed is \(latest.iso)",
                                     at: next.location, notes: ["trusted health information is reviewed at least every 3 years (PIF TICK)"]))
            }
        }
        if let published = matter.published, let updated = matter.updated, updated < published,
           let node = fields.values["updated"] {
            reader.error("'updated' (\(updated.iso)) is before 'published' (\(published.iso))", at: node)
        }
    }

    /// `/old-name/`, `/2019/old.html`: inside the site, no `..`, nothing a host would misread.
    static func isValidAlias(_ alias: String) -> Bool {
        guard alias.hasPrefix("/"), alias.count > 1, alias.count <= 200 else { return false }
        let segments = alias.split(separator: "/")
        return segments.allSatisfy { segment in
            segment != "." && segment != ".." && segment.utf8.allSatisfy {
                (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0)
                    || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E
            }
        }
    }

    /// `Content/articles/peer-support.md` → `peer-support`.
    static func slug(fromPath path: String) -> String {
        // The last non-empty part between slashes, split by byte: split by Character it
        // cost 27,000 instructions for a path of 80 characters.
        let name = path.utf8.split(separator: UInt8(ascii: "/")).last.map { String(Substring($0)) } ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}
