import SiteModel

/// The documents that will be published, checked against each other and the site config.
struct SiteContent: Sendable {
    let config: SiteConfig
    let contacts: [CrisisContact]
    /// Published articles, newest first (then by title and path, so order is total).
    let articles: [SourceDocument]
    /// Standalone pages, by slug.
    let pages: [SourceDocument]
    /// Source path → published document, for `[text](other.md)` links.
    let documentsByPath: [String: SourceDocument]
    /// Source paths that exist but are left out of this build (drafts, future articles).
    let excludedPaths: [String: String]
    /// Redirects: old path → the document's path.
    let aliases: [(from: SitePath, to: SitePath)]
    /// Every published article's slug, which `related` may name.
    let articleSlugs: Set<String>

    var documents: [SourceDocument] { articles + pages }
}

/// Chooses what is published (drafts and future articles only when asked) and checks what
/// can only be checked across files: topics, duplicate slugs, aliases, related articles.
enum ContentResolver {
    /// Slugs that would collide with the folders the build itself writes.
    static let reservedSlugs: Set<String> = ["topics", "assets", "media", "search", "_hub"]
    /// Files the build writes at the top level, which an alias must not replace.
    static let reservedFiles: Set<String> = ["index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt",
                                             SecurityHeaders.fileName]

    struct Selection: Sendable {
        var includeDrafts = false
        var includeFuture = false
        var today: Day
    }

    static func resolve(config: SiteConfig, contacts: [CrisisContact], documents: [SourceDocument],
                        selection: Selection) -> Result<SiteContent, BuildFailure> {
        var diagnostics: [Diagnostic] = []
        var published: [SourceDocument] = []
        var excluded: [String: String] = [:]
        for document in documents {
            if let reason = exclusion(of: document, selection) {
                excluded[document.path] = reason
            } else {
                published.append(document)
            }
        }
        let declaredTopics = Set(config.topics.map(\.slug))
        var bySlug: [String: SourceDocument] = [:]
        for document in published {
            let location = document.frontMatter.slug?.location ?? SourceLocation(path: document.path)
            if reservedSlugs.contains(document.slug) {
                diagnostics.append(.error("slug '\(document.slug)' is reserved for the site's own pages; choose another", at: location))
            }
            if let other = bySlug[document.slug] {
                // Blame the file that chose the slug with `slug:`, if one did; else the later file.
                let otherChose = other.frontMatter.slug != nil && document.frontMatter.slug == nil
                let (blamed, kept) = otherChose ? (other, document) : (document, other)
                diagnostics.append(.error("duplicate slug '\(document.slug)': \(kept.path) has it too",
                                          at: blamed.frontMatter.slug?.location ?? SourceLocation(path: blamed.path),
                                          notes: ["set a different 'slug:' in one of them, or rename a file"]))
            } else {
                bySlug[document.slug] = document
            }
            diagnostics += undeclaredTopics(in: document, config: config, declared: declaredTopics)
        }
        let articleSlugs = Set(published.filter { $0.kind == .article }.map(\.slug))
        for document in published { diagnostics += missingRelated(in: document, articleSlugs: articleSlugs) }
        let aliases = resolveAliases(published, slugs: Set(bySlug.keys), diagnostics: &diagnostics)
        guard diagnostics.isEmpty else { return .failure(BuildFailure(diagnostics)) }
        let articles = SiteGraph.sorted(published.filter { $0.kind == .article }, by: articleOrder)
        let pages = published.filter { $0.kind == .page }.sorted { $0.slug < $1.slug }
        return .success(SiteContent(config: config, contacts: contacts, articles: articles, pages: pages,
                                    documentsByPath: Dictionary(uniqueKeysWithValues: published.map { ($0.path, $0) }),
                                    excludedPaths: excluded, aliases: aliases, articleSlugs: articleSlugs))
    }

    /// `content` with `changed` documents put in place of their earlier versions, for an
    /// edit that changes no URL and what is published: each was published and still is, as
    /// the same kind, with the same slug and aliases. Only the changed documents can then
    /// have new problems. nil for any other edit, which needs `resolve`.
    static func update(_ content: SiteContent, with changed: [SourceDocument], selection: Selection) -> Result<SiteContent, BuildFailure>? {
        var articles = content.articles, pages = content.pages, byPath = content.documentsByPath
        let declaredTopics = Set(content.config.topics.map(\.slug))
        var diagnostics: [Diagnostic] = []
        for document in changed {
            guard let old = byPath[document.path], old.kind == document.kind, old.slug == document.slug,
                  old.frontMatter.aliases.map(\.value) == document.frontMatter.aliases.map(\.value),
                  isPublished(document, selection) else { return nil }
            diagnostics += undeclaredTopics(in: document, config: content.config, declared: declaredTopics)
            diagnostics += missingRelated(in: document, articleSlugs: content.articleSlugs)
            byPath[document.path] = document
            if document.kind == .page {
                pages = pages.map { $0 === old ? document : $0 }
            } else if let index = articles.firstIndex(where: { $0 === old }) {
                articles.remove(at: index)
                let key = articleOrder(document)
                articles.insert(document, at: articles.partitioningIndex { key < articleOrder($0) })
            }
        }
        guard diagnostics.isEmpty else { return .failure(BuildFailure(diagnostics)) }
        return .success(SiteContent(config: content.config, contacts: content.contacts, articles: articles, pages: pages,
                                    documentsByPath: byPath, excludedPaths: content.excludedPaths, aliases: content.aliases,
                                    articleSlugs: content.articleSlugs))
    }

    /// Articles are listed newest first, then by title and path.
    private static func articleOrder(_ article: SourceDocument) -> SiteGraph.OrderKey {
        SiteGraph.OrderKey(-(article.frontMatter.published ?? Day.distantPast).daysSinceEpoch, article.frontMatter.title, article.path)
    }

    private static func isPublished(_ document: SourceDocument, _ selection: Selection) -> Bool {
        exclusion(of: document, selection) == nil
    }

    /// Why `document` is left out of this build, if it is.
    private static func exclusion(of document: SourceDocument, _ selection: Selection) -> String? {
        if document.frontMatter.isDraft, !selection.includeDrafts {
            return "a draft (build with --drafts to include it)"
        }
        if document.kind == .article, let date = document.frontMatter.published, date > selection.today, !selection.includeFuture {
            return "scheduled for \(date.iso) (build with --future to include it)"
        }
        return nil
    }

    private static func undeclaredTopics(in document: SourceDocument, config: SiteConfig, declared: Set<String>) -> [Diagnostic] {
        document.frontMatter.topics.filter { !declared.contains($0.value) }.map { topic in
            let suggestion = YAMLReader.closest(to: topic.value, in: config.topics.map(\.slug))
            return .error("topic '\(topic.value)' is not declared in Content/site.yml", at: topic.location,
                          notes: (suggestion.map { ["did you mean '\($0)'?"] } ?? [])
                              + ["declared topics: \(config.topics.map(\.slug).joined(separator: ", "))"])
        }
    }

    private static func missingRelated(in document: SourceDocument, articleSlugs: Set<String>) -> [Diagnostic] {
        document.frontMatter.related.filter { !articleSlugs.contains($0.value) }.map { related in
            let suggestion = YAMLReader.closest(to: related.value, in: articleSlugs.sorted())
            return .error("related article '\(related.value)' does not exist or is not published", at: related.location,
                          notes: suggestion.map { ["did you mean '\($0)'?"] } ?? [])
        }
    }

    private static func resolveAliases(_ documents: [SourceDocument], slugs: Set<String>,
                                       diagnostics: inout [Diagnostic]) -> [(from: SitePath, to: SitePath)] {
        var claimed: [SitePath: String] = [:]
        var aliases: [(from: SitePath, to: SitePath)] = []
        for document in documents {
            for alias in document.frontMatter.aliases {
                // `/old-name` is served as a folder, like every page: `/old-name/index.html`.
                let last = alias.value.split(separator: "/").last ?? ""
                let path = SitePath(alias.value.hasSuffix("/") || last.contains(".") ? alias.value : alias.value + "/")
                let firstSegment = path.value.split(separator: "/").first.map(String.init) ?? ""
                if slugs.contains(firstSegment) || reservedSlugs.contains(firstSegment) || reservedFiles.contains(path.filePath)
                    // `/_headers` would become the folder `_headers/`, where the file must be.
                    || reservedFiles.contains(firstSegment) {
                    diagnostics.append(.error("alias '\(alias.value)' would replace an existing page", at: alias.location))
                } else if let other = claimed[path] {
                    diagnostics.append(.error("alias '\(alias.value)' is also claimed by \(other)", at: alias.location))
                } else {
                    claimed[path] = document.path
                    aliases.append((from: path, to: document.sitePath))
                }
            }
        }
        return aliases.sorted { $0.from < $1.from }
    }
}
