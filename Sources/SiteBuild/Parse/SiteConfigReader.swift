import SiteModel
import Yams

/// Reads `Content/site.yml` strictly (docs/content-model.md).
enum SiteConfigReader {
    static let schema = YAMLSchema(
        required: ["title", "tagline", "base_url", "language", "organisation", "topics"],
        optional: ["introduction", "navigation", "footer_links", "unsafe_html", "checks"])

    static func read(_ file: SourceText) -> Result<SiteConfig, BuildFailure> {
        let document = YAMLDocument(file: file)
        var diagnostics: [Diagnostic] = []
        guard let root = document.compose(into: &diagnostics) else {
            if diagnostics.isEmpty { diagnostics.append(.error("site.yml is empty", at: file.location())) }
            return .failure(BuildFailure(diagnostics))
        }
        var reader = YAMLReader(document)
        guard let fields = reader.mapping(root, what: "site.yml", schema: schema) else {
            return .failure(BuildFailure(reader.diagnostics))
        }
        let writtenBaseURL = reader.text(fields, "base_url") ?? ""
        let baseURL = writtenBaseURL.hasSuffix("/") || writtenBaseURL.isEmpty ? writtenBaseURL : writtenBaseURL + "/"
        if !baseURL.isEmpty, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")),
           let node = fields.values["base_url"] {
            reader.error("'base_url' must be an absolute URL like https://example.org/, not '\(writtenBaseURL)'", at: node)
        }
        let organisation: Organisation? = fields.values["organisation"].flatMap { node in
            guard let org = reader.mapping(node, what: "organisation", schema: .init(required: ["name", "url"], optional: [])) else { return nil }
            let name = reader.text(org, "name"), url = reader.text(org, "url")
            guard let name, let url else { return nil }
            return Organisation(name: name, url: url)
        }
        let topics = reader.list(fields, "topics") { reader, node -> Topic? in
            guard let topic = reader.mapping(node, what: "a topic", schema: .init(required: ["slug", "title", "description"], optional: ["quick_exit"])) else { return nil }
            let slug = reader.text(topic, "slug"), title = reader.text(topic, "title"), description = reader.text(topic, "description")
            guard let slug, let title, let description else { return nil }
            if !Slug.isValid(slug), let slugNode = topic.values["slug"] {
                reader.error("topic slug '\(slug)' is not valid; use \(Slug.rule)", at: slugNode)
            }
            return Topic(slug: slug, title: title, description: description, quickExit: reader.bool(topic, "quick_exit") ?? false)
        }
        var seen: Set<String> = []
        for (topic, node) in zip(topics, fields.values["topics"]?.sequence ?? []) where !seen.insert(topic.slug).inserted {
            reader.error("topic '\(topic.slug)' is declared twice", at: node)
        }
        let checks = fields.values["checks"].map { CheckSettingsReader.read($0, reader: &reader) } ?? CheckSettings()
        var config = SiteConfig(
            title: reader.text(fields, "title") ?? "",
            tagline: reader.text(fields, "tagline") ?? "",
            baseURL: baseURL,
            language: reader.text(fields, "language") ?? "en-GB",
            organisation: organisation ?? Organisation(name: "", url: ""),
            introduction: reader.text(fields, "introduction") ?? "",
            navigation: links(fields, "navigation", reader: &reader),
            footerLinks: links(fields, "footer_links", reader: &reader),
            topics: topics,
            allowsUnsafeHTML: reader.bool(fields, "unsafe_html") ?? false)
        config.checks = checks
        guard reader.diagnostics.isEmpty else { return .failure(BuildFailure(reader.diagnostics)) }
        return .success(config)
    }

    private static func links(_ fields: YAMLMapping, _ key: String, reader: inout YAMLReader) -> [NavigationLink] {
        reader.list(fields, key) { reader, node in
            guard let link = reader.mapping(node, what: "a link", schema: .init(required: ["title", "url"], optional: [])) else { return nil }
            let title = reader.text(link, "title"), url = reader.text(link, "url")
            guard let title, let url else { return nil }
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                return NavigationLink(title: title, target: .external(url))
            }
            guard url.hasPrefix("/"), !url.contains("..") else {
                reader.error("a link's 'url' must be a site path starting '/' or a full https:// address, not '\(url)'",
                             at: link.values["url"] ?? node)
                return nil
            }
            return NavigationLink(title: title, target: .site(SitePath(url)))
        }
    }
}
