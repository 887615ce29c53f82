import Foundation

/// Reads every page of a built site the way a browser would decide what to fetch, and
/// lists what breaks the public site's promises: a request to another origin, a page
/// without the Content-Security-Policy, inline script or style (which that policy would
/// block), storage or cookies in scripts, and an article heavier than the budget.
struct PageAudit {
    /// An article's HTML plus its CSS, images aside (issue 6).
    static let articleBudgetBytes = 40_000

    let files: [String: Data]

    /// Every problem, as `path: message`.
    func problems() -> [String] {
        var found: [String] = []
        for path in files.keys.sorted() {
            guard let data = files[path] else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if path.hasSuffix(".html") { found += problems(inPage: path, text) }
            if path.hasSuffix(".css") { found += externalCSSReferences(text).map { "\(path): loads \($0)" } }
            if path.hasSuffix(".js") {
                for api in ["document.cookie", "localStorage", "sessionStorage", "indexedDB"] where text.contains(api) {
                    found.append("\(path): uses \(api)")
                }
            }
        }
        return found
    }

    private func problems(inPage path: String, _ html: String) -> [String] {
        var found: [String] = []
        let tags = HTMLTag.all(in: html)
        let csp = tags.first { $0.name == "meta" && $0["http-equiv"]?.lowercased() == "content-security-policy" }?["content"]
        if let csp {
            if !csp.split(separator: ";").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "default-src 'self'" }) {
                found.append("\(path): Content-Security-Policy lacks default-src 'self': \(csp)")
            }
        } else {
            found.append("\(path): no Content-Security-Policy meta tag")
        }
        if tags.first(where: { $0.name == "html" })?["lang"]?.isEmpty ?? true { found.append("\(path): <html> has no lang") }
        for tag in tags {
            for (attribute, url) in tag.loadedURLs where !Self.isSameOrigin(url) {
                found.append("\(path): <\(tag.name) \(attribute)> loads \(url)")
            }
            if tag.name == "style" { found.append("\(path): inline <style>") }
            if tag["style"] != nil { found.append("\(path): inline style attribute on <\(tag.name)>") }
            for name in tag.attributes.keys where name.hasPrefix("on") { found.append("\(path): inline event handler \(name) on <\(tag.name)>") }
            if tag.name == "script", tag["src"] == nil, tag["type"] != "application/ld+json" {
                found.append("\(path): inline <script>")
            }
            if tag.name == "a", let href = tag["href"], href.lowercased().hasPrefix("javascript:") {
                found.append("\(path): javascript: link")
            }
        }
        let isArticle = tags.contains { $0.name == "meta" && $0["property"] == "og:type" && $0["content"] == "article" }
        if isArticle {
            let css = tags.filter { $0.name == "link" && $0["rel"] == "stylesheet" }.compactMap { $0["href"] }
            let cssBytes = css.compactMap { files[resolve($0, from: path)]?.count }.reduce(0, +)
            let total = html.utf8.count + cssBytes
            if total > Self.articleBudgetBytes {
                found.append("\(path): article HTML + CSS is \(total) bytes, over the \(Self.articleBudgetBytes)-byte budget")
            }
        }
        return found
    }

    /// `data:` and relative URLs stay on the site; anything with a scheme or `//` does not.
    static func isSameOrigin(_ url: String) -> Bool {
        let trimmed = url.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasPrefix("data:") { return true }
        if trimmed.hasPrefix("//") { return false }
        if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains("/") { return false }
        return true
    }

    /// `url(...)` and `@import` targets in a stylesheet that leave the site.
    func externalCSSReferences(_ css: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)"#)
        let range = NSRange(css.startIndex..., in: css)
        return pattern.matches(in: css, range: range).compactMap { match -> String? in
            for group in 1...2 {
                if let r = Range(match.range(at: group), in: css) { return String(css[r]) }
            }
            return nil
        }.filter { !Self.isSameOrigin($0) }
    }

    /// A site-relative href, from the page at `path`, as a key of `files`.
    private func resolve(_ href: String, from path: String) -> String {
        var parts = path.split(separator: "/").dropLast().map(String.init)
        for piece in href.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            switch piece {
            case "..": _ = parts.popLast()
            case ".", "": continue
            default: parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// One start tag, with its attributes (entity-decoded for the few entities the build writes).
struct HTMLTag {
    let name: String
    let attributes: [String: String]

    subscript(name: String) -> String? { attributes[name] }

    /// The attributes whose URL the browser fetches on its own.
    var loadedURLs: [(String, String)] {
        var urls: [(String, String)] = []
        switch name {
        case "link":
            let rel = Set((self["rel"] ?? "").lowercased().split(separator: " ").map(String.init))
            if !rel.isDisjoint(with: ["stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                                      "apple-touch-icon", "preconnect", "dns-prefetch"]) {
                urls += self["href"].map { [("href", $0)] } ?? []
            }
        case "script", "img", "iframe", "frame", "embed", "source", "track", "audio", "video", "input":
            urls += self["src"].map { [("src", $0)] } ?? []
        case "object":
            urls += self["data"].map { [("data", $0)] } ?? []
        default: break
        }
        if let poster = self["poster"] { urls.append(("poster", poster)) }
        for attribute in ["srcset", "imagesrcset"] {
            for candidate in (self[attribute] ?? "").split(separator: ",") {
                if let url = candidate.split(separator: " ").first { urls.append((attribute, String(url))) }
            }
        }
        return urls
    }

    static func all(in html: String) -> [HTMLTag] {
        let tagPattern = try! NSRegularExpression(pattern: #"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"#)
        let attributePattern = try! NSRegularExpression(pattern: #"([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"#)
        let range = NSRange(html.startIndex..., in: html)
        return tagPattern.matches(in: html, range: range).map { match in
            let name = Range(match.range(at: 1), in: html).map { html[$0].lowercased() } ?? ""
            var attributes: [String: String] = [:]
            if let attributeRange = Range(match.range(at: 2), in: html) {
                let text = String(html[attributeRange])
                for attribute in attributePattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard let key = Range(attribute.range(at: 1), in: text).map({ text[$0].lowercased() }) else { continue }
                    let value = (2...4).lazy.compactMap { Range(attribute.range(at: $0), in: text).map { String(text[$0]) } }.first ?? ""
                    attributes[key] = decode(value)
                }
            }
            return HTMLTag(name: name, attributes: attributes)
        }
    }

    private static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&amp;", with: "&")
    }
}
