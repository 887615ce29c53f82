import Foundation
import SiteModel

/// Every input file of a site, decoded and sorted: the first stage's product.
public struct LoadedSite: Sendable {
    var siteConfig: SourceText
    var crisisContacts: SourceText
    /// `Content/data/synonyms.yml`, if the site has one.
    var synonyms: SourceText?
    var articles: [SourceText]
    var pages: [SourceText]
    /// `Templates/**/*.mustache`, each named by its path without the extension (`partials/head`).
    var templates: [NamedTemplate]
    /// `Templates/assets/**`, by path under `assets/`.
    var assets: [AssetFile]
    /// `Content/media/**` (images, documents to download), by path under `media/`.
    var media: [AssetFile] = []
    /// `Content/data/language-guide.tsv`, if the site has one.
    var languageGuide: SourceText? = nil
}

/// A template's name and source.
struct NamedTemplate: Sendable {
    let name: String
    let source: SourceText
}

/// A static file copied to `Public/assets/` (a theme's) or `Public/media/` (content's).
struct AssetFile: Sendable {
    /// Path under `Templates/assets/` or `Content/media/`: `style.css`, `images/logo.svg`.
    let name: String
    let data: Data
}

extension Diagnostic {
    /// This diagnostic with its source line filled in from the loaded files, so stages
    /// that find problems across files need not carry every file's text around.
    func quotingSource(from site: LoadedSite) -> Diagnostic {
        guard sourceLine == nil, let location, location.line > 0,
              let file = site.source(at: location.path) else { return self }
        return Diagnostic(severity, message, at: location, sourceLine: file.line(location.line), notes: notes)
    }
}

extension LoadedSite {
    /// The loaded text file at `path`, if any.
    func source(at path: String) -> SourceText? {
        if path == siteConfig.path { return siteConfig }
        if path == crisisContacts.path { return crisisContacts }
        if path == languageGuide?.path { return languageGuide }
        if path == synonyms?.path { return synonyms }
        return (articles + pages).first { $0.path == path } ?? templates.first { $0.source.path == path }?.source
    }
}
