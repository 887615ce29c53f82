import SiteModel

/// `sitemap.xml`, `feed.xml` (Atom 1.0) and `robots.txt`: what search engines and feed
/// readers get. Dates come from the content, never the clock, so output is reproducible.
struct SiteFeeds {
    let graph: SiteGraph

    /// Entries in the Atom feed.
    static let feedLimit = 50

    private var config: SiteConfig { graph.content.config }

    func sitemap() -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"]
        func add(_ path: SitePath, _ lastModified: Day?) {
            var entry = "  <url><loc>\(XMLText.escape(config.absoluteURL(path)))</loc>"
            if let lastModified { entry += "<lastmod>\(lastModified.iso)</lastmod>" }
            lines.append(entry + "</url>")
        }
        let articles = graph.content.articles
        add(SitePath(""), articles.map(Self.lastModified).max())
        add(SitePath("topics/"), articles.map(Self.lastModified).max())
        for topic in config.topics {
            add(topic.path, graph.articlesByTopic[topic.slug]?.map(Self.lastModified).max())
        }
        for document in (articles + graph.content.pages).sorted(by: { $0.slug < $1.slug }) {
            add(document.sitePath, Self.lastModified(document))
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }

    func atomFeed() -> String {
        let entries = graph.content.articles.prefix(Self.feedLimit)
        let updated = entries.map(Self.lastModified).max() ?? Day.distantPast
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(XMLText.escape(config.language))\">",
            "  <title>\(XMLText.escape(config.title))</title>",
            "  <subtitle>\(XMLText.escape(config.tagline))</subtitle>",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLText.escape(config.absoluteURL(SitePath("feed.xml"))))\"/>",
            "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(config.baseURL))\"/>",
            "  <id>\(XMLText.escape(config.baseURL))</id>",
            "  <updated>\(Self.timestamp(updated))</updated>",
            "  <author><name>\(XMLText.escape(config.organisation.name))</name></author>",
        ]
        let topicTitles = Dictionary(uniqueKeysWithValues: config.topics.map { ($0.slug, $0.title) })
        for article in entries {
            let matter = article.frontMatter
            let url = XMLText.escape(config.absoluteURL(article.sitePath))
            lines.append("  <entry>")
            lines.append("    <title>\(XMLText.escape(matter.title))</title>")
            lines.append("    <link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>")
            lines.append("    <id>\(url)</id>")
            if let published = matter.published { lines.append("    <published>\(Self.timestamp(published))</published>") }
            lines.append("    <updated>\(Self.timestamp(Self.lastModified(article)))</updated>")
            for author in matter.authors { lines.append("    <author><name>\(XMLText.escape(author.name))</name></author>") }
            for topic in matter.topics {
                lines.append("    <category term=\"\(XMLText.escape(topic.value))\" label=\"\(XMLText.escape(topicTitles[topic.value] ?? topic.value))\"/>")
            }
            lines.append("    <summary>\(XMLText.escape(matter.summary))</summary>")
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL(SitePath("sitemap.xml")))\n"
    }

    /// The latest of published, updated and last reviewed: when the page last changed in
    /// a way a reader would care about.
    static func lastModified(_ document: SourceDocument) -> Day {
        let matter = document.frontMatter
        return [matter.published, matter.updated, matter.lastReviewed?.value].compactMap { $0 }.max() ?? Day.distantPast
    }

    static func timestamp(_ day: Day) -> String { day.iso + "T00:00:00Z" }
}
