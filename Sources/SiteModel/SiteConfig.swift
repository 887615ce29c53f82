/// `Content/site.yml`: the hub's identity, navigation and declared topics.
public struct SiteConfig: Sendable {
    public var title: String
    public var tagline: String
    /// Absolute, ending in `/`: `https://example.org/hub/`.
    public var baseURL: String
    public var language: String
    public var organisation: Organisation
    public var introduction: String
    public var navigation: [NavigationLink]
    public var footerLinks: [NavigationLink]
    public var topics: [Topic]
    /// Raw HTML in Markdown passes through when true. Off by default.
    public var allowsUnsafeHTML: Bool
    /// Content-check thresholds (`checks:`); the defaults when absent.
    public var checks = CheckSettings()

    public init(title: String, tagline: String, baseURL: String, language: String,
                organisation: Organisation, introduction: String, navigation: [NavigationLink],
                footerLinks: [NavigationLink], topics: [Topic], allowsUnsafeHTML: Bool) {
        self.title = title
        self.tagline = tagline
        self.baseURL = baseURL
        self.language = language
        self.organisation = organisation
        self.introduction = introduction
        self.navigation = navigation
        self.footerLinks = footerLinks
        self.topics = topics
        self.allowsUnsafeHTML = allowsUnsafeHTML
    }

    /// The absolute URL of a path inside the site.
    public func absoluteURL(_ path: SitePath) -> String { baseURL + path.value }
}

/// Who publishes the hub.
public struct Organisation: Sendable, Hashable {
    public let name: String
    public let url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}

/// A header or footer link: a site path or an external URL.
public struct NavigationLink: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case site(SitePath)
        case external(String)
    }

    public let title: String
    public let target: Target

    public init(title: String, target: Target) {
        self.title = title
        self.target = target
    }
}

/// A declared topic: the only values an article's `topics` may use.
public struct Topic: Sendable, Hashable {
    public let slug: String
    public let title: String
    public let description: String
    /// Every article in this topic, and the topic page, show the "Exit this page" button.
    public let quickExit: Bool

    public init(slug: String, title: String, description: String, quickExit: Bool = false) {
        self.slug = slug
        self.title = title
        self.description = description
        self.quickExit = quickExit
    }

    /// `topics/<slug>/`.
    public var path: SitePath { SitePath("topics/\(slug)/") }
}
