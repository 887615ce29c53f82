import SiteModel

/// Everything that is read once per build before the content: `site.yml`, the crisis
/// contacts, the templates and the assets. Their problems are reported together.
struct SiteSetup: Sendable {
    let config: SiteConfig
    let contacts: [CrisisContact]
    /// Search synonym groups from `Content/data/synonyms.yml` (none without the file).
    let synonyms: [[String]]
    let templates: TemplateSet
    let assets: AssetManifest

    static func read(_ loaded: LoadedSite, baseURL: String?) -> Result<SiteSetup, BuildFailure> {
        let config = SiteConfigReader.read(loaded.siteConfig)
        let contacts = CrisisContactsReader.read(loaded.crisisContacts)
        let synonyms = loaded.synonyms.map(SynonymsReader.read) ?? .success([])
        let assets = AssetManifest(loaded.assets, media: loaded.media)
        let templates = TemplateSet.load(loaded.templates, assets: assets.hashedNames)
        let media = MediaRules.problems(in: loaded.media, allowsUnsafeHTML: (try? config.get())?.allowsUnsafeHTML ?? false)
        switch (config, contacts, templates, synonyms) {
        case (.success(var config), .success(let contacts), .success(let templates), .success(let synonyms)) where media.isEmpty:
            if let baseURL { config.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }
            return .success(SiteSetup(config: config, contacts: contacts, synonyms: synonyms, templates: templates, assets: assets))
        default:
            let diagnostics = [config.failure, contacts.failure, templates.failure, synonyms.failure].compactMap { $0?.diagnostics }.flatMap { $0 }
                + media
            return .failure(BuildFailure(diagnostics))
        }
    }
}

extension Result {
    /// The error, if this is a failure.
    var failure: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
