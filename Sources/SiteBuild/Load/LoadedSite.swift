import Foundation
import SiteModel

/// Every input file of a site, decoded and sorted: the first stage's product.
public struct LoadedSite: Sendable {
    var siteConfig: SourceText
    var crisisContacts: SourceText
    var articles: [SourceText]
    var pages: [SourceText]
    /// `Templates/**/*.mustache`, each named by its path without the extension (`partials/head`).
    var templates: [NamedTemplate]
    /// `Templates/assets/**`, by path under `assets/`.
    var assets: [AssetFile]
}

/// A template's name and source.
struct NamedTemplate: Sendable {
    let name: String
    let source: SourceText
}

/// A static file copied to `Public/assets/`.
struct AssetFile: Sendable {
    /// Path under `Templates/assets/`: `style.css`, `images/logo.svg`.
    let name: String
    let data: Data
}
