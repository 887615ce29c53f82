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

    @Test func pathSegmentsSplitLikeTheStandardLibrary() {
        for path in ["", "/", "a", "a/", "/a/b/", "a//b", "topics/peer-support/index.html", "../../x/#y", "é/ü/"] {
            #expect(GeneratedLinkCheck.segments(path[...]) == path.split(separator: "/", omittingEmptySubsequences: false), "\(path)")
        }
    }
}
