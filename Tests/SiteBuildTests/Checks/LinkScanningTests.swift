@testable import SiteBuild
import Testing

/// The byte-level pieces of the generated-page link check against what they replace.
@Suite("Link scanning")
struct LinkScanningTests {
    @Test func attributeValuesAreEntityDecodedOnce() {
        let html = #"<a id="top" href="../a/?x=1&amp;y=2#s&amp;t">a</a> <img src="&lt;&gt;&quot;&#39;&amp;amp;&nbsp;"> <p data-x="&amp;">"#
        let links = Array(html.utf8).withUnsafeBytes { HTMLLinks(scanning: $0) }
        #expect(links.ids == ["top"])
        // `&amp;amp;` decodes to `&amp;`, not `&`; an entity it does not know stays as written.
        #expect(links.targets == ["../a/?x=1&y=2#s&t", #"<>"'&amp;&nbsp;"#])
    }

    /// A scheme is a `:` before the first `/`, `#` or `?`, read by byte.
    @Test func schemesAreFoundBeforeThePath() {
        for (href, hasScheme) in [("https://example.org", true), ("mailto:a@b.org", true), ("tel:116123", true),
                                  ("peer-support.md", false), ("../a/b:c", false), ("#x:y", false), ("?q=a:b", false),
                                  ("", false), ("c:", true), ("é:x", true)] {
            #expect(href.hasURLScheme == hasScheme, "\(href)")
            #expect(href.hasURLScheme == href.prefix { $0 != "/" && $0 != "#" && $0 != "?" }.contains(":"), "\(href)")
        }
        #expect(LinkTarget("https://example.org/a.md") == .external)
        #expect(LinkTarget("../pages/about.md#team") == .markdownFile(path: "../pages/about.md", fragment: "team"))
    }

    /// Destinations are read by byte; the same as a reading by Character.
    @Test func linkTargetsReadByByteAsByCharacter() {
        func byCharacter(_ destination: String) -> LinkTarget {
            if destination.isEmpty { return .other }
            if destination.hasPrefix("#") { return .anchor(String(destination.dropFirst())) }
            if destination.hasURLScheme || destination.hasPrefix("//") { return .external }
            let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let path = String(parts[0])
            let fragment = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
            if path.lowercased().hasSuffix(".md") { return .markdownFile(path: path.removingPercentEncodingIfPossible, fragment: fragment) }
            return path.hasPrefix("/") ? .siteAbsolute(path: path, fragment: fragment) : .other
        }
        for destination in ["a.md", "A.MD", "x.Md#frag", "x.md#", "#", "#top", "/abs/path#f", "/abs#", "../0001-a/", "x.mdx",
                            "é.md#ü", "md", ".md", "a#b#c.md", "%41%20b.md", "a\u{0E}md", "a.mD?x", "../pages/about.md#team#2", ""] {
            #expect(LinkTarget(destination) == byCharacter(destination), "\(destination)")
        }
    }

    /// A link's resolution key is read by byte; the same as over the String and Substrings.
    @Test func resolutionKeysCountClimbsByByteAsBySubstring() {
        func bySubstring(_ href: String, depth: Int) -> GeneratedLinkCheck.ResolutionKey? {
            if href.hasPrefix("/") || href.utf8.firstIndex(of: UInt8(ascii: ":")).map({ href.utf8[$0...].starts(with: "://".utf8) }) == true {
                return .init(depth: -1, href: href)
            }
            var climbs = 0
            var rest = Substring(href)
            while rest.hasPrefix("../") {
                climbs += 1
                rest = rest.dropFirst(3)
            }
            return climbs >= depth && climbs > 0 ? .init(depth: depth, href: href) : nil
        }
        for href in ["../a/", "../../a/", "../", "..", "../..", "../../", "..//x", "./../a", "a/../b", "...", ".../", "x", "",
                     "/abs/", "https://example.org/../a", "../é/", "../../../../", "mailto:a@b.org", "a:b://c", "x:/", "x:",
                     "../a:b//", "//host/x", ":///"] {
            for depth in 0...3 {
                #expect(GeneratedLinkCheck.resolutionKey(href, depth: depth) == bySubstring(href, depth: depth), "\(href) at \(depth)")
            }
        }
    }

    /// Relative paths are resolved by byte; the same as the rules over Substrings.
    @Test func relativePathsResolveByByteAsBySegment() {
        func bySegment(_ path: String, _ page: String) -> String? {
            let segments = page.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                + path.split(separator: "/", omittingEmptySubsequences: false)
            var resolved: [Substring] = []
            for (index, segment) in segments.enumerated() {
                let isLast = index == segments.count - 1
                switch segment {
                case ".": if isLast { resolved.append("") }
                case "..":
                    guard !resolved.isEmpty else { return nil }
                    resolved.removeLast()
                    if isLast { resolved.append("") }
                case "" where !isLast: continue
                default: resolved.append(segment)
                }
            }
            return resolved.map(String.init).joined(separator: "/")
        }
        let pages = ["index.html", "a/index.html", "topics/x/index.html", "404.html", "a/b/c.html", "a//b/index.html", "é/index.html"]
        let paths = ["../x/", "x", "./", ".", "..", "../..", "../../../a", "a//b", "a/./b/../c/", "x/..", "../x/y/.", "a/b/", "./../z",
                     "//", "/", "x/", "../é/ü", "..x/", "x../", "...", "a/../../b"]
        for page in pages {
            for path in paths {
                #expect(GeneratedLinkCheck.resolve(path[...], against: page) == bySegment(path, page), "\(path) on \(page)")
            }
        }
        // Percent-encoded segments are decoded once resolved: `%2E%2E` is a name, not a climb.
        func problem(_ href: String, paths: Set<String>) -> GeneratedLinkCheck.Problem? {
            GeneratedLinkCheck.problem(href, page: "a/index.html", links: HTMLLinks(scanning: UnsafeRawBufferPointer(start: nil, count: 0)), paths: paths, pages: [:],
                                       baseURL: "https://example.org/hub/", basePath: "/hub/")
        }
        #expect(problem("b%20c.html", paths: ["a/b c.html"]) == nil)
        #expect(problem("%2E%2E/x/", paths: ["x/index.html"]) == .missingFile(target: "a/../x/index.html"))
        #expect(problem("/hub/x/", paths: ["x/index.html"]) == nil)
        #expect(problem("/hub", paths: ["index.html"]) == nil)
        #expect(problem("/elsewhere/", paths: []) == .outsideSite)
        #expect(problem("../../x/", paths: ["x/index.html"]) == .outsideSite)
        // Without a page, from the site's root (a path after the base path).
        for path in paths {
            #expect(GeneratedLinkCheck.resolve(path[...], against: nil) == bySegment(path, "index.html"), "\(path)")
        }
    }

}
