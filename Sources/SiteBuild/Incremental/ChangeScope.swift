/// How much of the site a changed file forces the preview to rebuild, from least to most.
public enum ChangeScope: Int, Comparable, Sendable, CaseIterable {
    /// Not an input of the build (a README next to the content, an editor's temp file).
    case ignored
    /// An article or page: re-parse that file, re-render the outputs that read it.
    case documents
    /// A template, an asset or a media file: reload templates, assets and media, and
    /// re-render every page from the Markdown already rendered. Assets count here because
    /// pages name them by content hash; media ride along with them, and a change to media
    /// alone writes only those files (`IncrementalBuild`), since pages name media by name.
    case templates
    /// `site.yml` or a data file: everything depends on them, so the whole build runs.
    case full

    /// The scope of a change to the file at `path`, relative to the site root.
    public static func of(_ path: String) -> ChangeScope {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if SiteFiles.isIgnored(name) { return .ignored }
        if path == ContentLoader.siteConfigPath || path.hasPrefix("Content/data/") { return .full }
        if path.hasPrefix(ContentLoader.articlesFolder) || path.hasPrefix(ContentLoader.pagesFolder) {
            return path.hasSuffix(".md") ? .documents : .ignored
        }
        if path.hasPrefix(ContentLoader.assetsFolder) || path.hasPrefix(ContentLoader.mediaFolder) { return .templates }
        if path.hasPrefix(ContentLoader.templatesFolder) { return path.hasSuffix(".mustache") ? .templates : .ignored }
        return .ignored
    }

    public static func < (a: ChangeScope, b: ChangeScope) -> Bool { a.rawValue < b.rawValue }
}
