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

    var documents: [SourceDocument] { articles + pages }
}

/// Chooses what is published (drafts and future articles only when asked) and checks what
/// can only be checked across files: topics, duplicate slugs, aliases, related articles.
enum ContentResolver {
    /// Slugs that would collide with the folders the build itself writes.
    static let reservedSlugs: Set<String> = ["topics", "assets", "search", "_hub"]
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
            if document.frontMatter.isDraft, !selection.includeDrafts {
                excluded[document.path] = "a draft (build with --drafts to include it)"
            } else if document.kind == .article, let date = document.frontMatter.published, date > selection.today,
                      !selection.includeFuture {
                excluded[document.path] = "scheduled for \(date.iso) (build with --future to include it)"
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
            for topic in document.frontMatter.topics where !declaredTopics.contains(topic.value) {
                let suggestion = YAMLReader.closest(to: topic.value, in: config.topics.map(\.slug))
                diagnostics.append(.error("topic '\(topic.value)' is not declared in Content/site.yml", at: topic.location,
                                          notes: (suggestion.map { ["did you mean '\($0)'?"] } ?? [])
                                              + ["declared topics: \(config.topics.map(\.slug).joined(separator: ", "))"]))
            }
        }
        let articleSlugs = Set(published.filter { $0.kind == .article }.map(\.slug))
        for document in published {
            for related in document.frontMatter.related where !articleSlugs.contains(related.value) {
                let suggestion = YAMLReader.closest(to: related.value, in: articleSlugs.sorted())
                diagnostics.append(.error("related article '\(related.value)' does not exist or is not published", at: related.location,
                                          notes: suggestion.map { ["did you mean '\($0)'?"] } ?? []))
            }
        }
        let aliases = resolveAliases(published, slugs: Set(bySlug.keys), diagnostics: &diagnostics)
        guard diagnostics.isEmpty else { return .failure(BuildFailure(diagnostics)) }
        let articles = SiteGraph.sorted(published.filter { $0.kind == .article }) {
            SiteGraph.OrderKey(-($0.frontMatter.published ?? Day.distantPast).daysSinceEpoch, $0.frontMatter.title, $0.path)
        }
        let pages = published.filter { $0.kind == .page }.sorted { $0.slug < $1.slug }
        return .success(SiteContent(config: config, contacts: contacts, articles: articles, pages: pages,
                                    documentsByPath: Dictionary(uniqueKeysWithValues: published.map { ($0.path, $0) }),
                                    excludedPaths: excluded, aliases: aliases))
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
