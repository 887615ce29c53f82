import Foundation
import SiteModel

/// The parts of the view model that are the same on every page at one depth: built once,
/// not 10,000 times.
struct SharedParts: @unchecked Sendable {
    /// `../` etc., or the base URL's path (`/hub/`) for pages served at any URL (404).
    let root: String
    /// Values every page has: `root`, `topics`, `urgent_help`, `feed_url`, `sitemap_url`.
    let context: [String: Any]
    /// Pages the header links to: the only pages whose navigation differs from the shared
    /// one, because it marks their link current.
    let navigationTargets: Set<SitePath>
    private let config: SiteConfig

    init(depth: Int, content: SiteContent, graph: SiteGraph) {
        self.init(root: depth == 0 ? "./" : String(repeating: "../", count: depth), content: content, graph: graph)
    }

    /// Links as absolute paths from the base URL: `/hub/topics/`.
    init(absoluteFor content: SiteContent, graph: SiteGraph) {
        self.init(root: URLComponents(string: content.config.baseURL)?.path.nonEmpty ?? "/", content: content, graph: graph)
    }

    private init(root: String, content: SiteContent, graph: SiteGraph) {
        self.root = root.hasSuffix("/") ? root : root + "/"
        self.config = content.config
        navigationTargets = Set(content.config.navigation.compactMap { if case let .site(path) = $0.target { path } else { nil } })
        let link = { [root = self.root] (path: SitePath) in Self.link(path, root: root) }
        // Wrapped once here rather than on every page that shows them.
        context = ([
            "site": Self.site(content.config, root: self.root),
            // As on every page the navigation does not link to; see `navigationTargets`.
            "navigation": Self.links(content.config.navigation, root: self.root, currentPath: nil),
            "root": self.root,
            "csp": SecurityHeaders.contentSecurityPolicy,
            "feed_url": link(SitePath("feed.xml")),
            "sitemap_url": link(SitePath("sitemap.xml")),
            "topics": content.config.topics.map { topic -> [String: Any] in
                ["slug": topic.slug, "title": topic.title, "description": topic.description, "url": link(topic.path),
                 "article_count": graph.articlesByTopic[topic.slug]?.count ?? 0]
            },
            "urgent_help": ["contacts": content.contacts.map(Self.contact)],
        ] as [String: Any]).mapValues { ViewNode.wrap($0, fingerprinted: true) }
    }

    func link(_ path: SitePath) -> String { Self.link(path, root: root) }

    private static func link(_ path: SitePath, root: String) -> String { path.value.isEmpty ? root : root + path.value }


    /// The header links with `is_current` on the link to `currentPath`.
    func navigation(currentPath: SitePath) -> [[String: Any]] {
        Self.links(config.navigation, root: root, currentPath: currentPath)
    }

    private static func links(_ list: [NavigationLink], root: String, currentPath: SitePath?) -> [[String: Any]] {
        list.map { item in
            switch item.target {
            case let .site(path):
                return ["title": item.title, "url": link(path, root: root), "is_current": path == currentPath]
            case let .external(url): return ["title": item.title, "url": url, "is_current": false]
            }
        }
    }

    /// `site`: the same on every page at this depth, so partials that use only it (the
    /// footer) are rendered once.
    private static func site(_ config: SiteConfig, root: String) -> [String: Any] {
        [
            "title": config.title, "tagline": config.tagline, "language": config.language, "base_url": config.baseURL,
            "introduction": config.introduction,
            "organisation": ["name": config.organisation.name, "url": config.organisation.url],
            "footer_links": links(config.footerLinks, root: root, currentPath: nil),
        ]
    }

    private static func contact(_ contact: CrisisContact) -> [String: Any] {
        var values: [String: Any] = [
            "name": contact.name, "description": contact.description, "hours": contact.hours,
            "nations": contact.nations.map(\.name).joined(separator: ", "),
            "last_verified": ViewModel.date(contact.lastVerified.value),
        ]
        if let phone = contact.phone { values["phone"] = phone; values["phone_href"] = "tel:" + phone.filter { !$0.isWhitespace } }
        if let sms = contact.sms {
            values["sms"] = sms
            let body = contact.smsBody.map { "?&body=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
            values["sms_href"] = "sms:" + sms.filter { !$0.isWhitespace } + body
        }
        if let smsBody = contact.smsBody { values["sms_body"] = smsBody }
        if let email = contact.email { values["email"] = email; values["email_href"] = "mailto:" + email }
        if let url = contact.url { values["url"] = url }
        return values
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
