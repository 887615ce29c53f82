import Foundation
import Testing
@testable import CommonMark

// Unit tests of `MarkdownRenderer`: heading ids, external links, the link-rewriting
// callback, safe mode, plain text and robustness. Expected HTML strings are what the
// `cmark` 0.30.2 program prints for the same input, plus the renderer's two additions
// (a heading `id` and `rel="noopener noreferrer"` on external links); CMarkParityTests
// checks that relationship over whole documents.

/// The HTML `MarkdownRenderer` renders for `markdown`.
private func renderHTML(_ markdown: String, unsafe: Bool = false) -> String {
    MarkdownRenderer(allowsRawHTML: unsafe).render(markdown).html
}

/// Renders `markdown` and returns the heading ids in document order.
private func renderedHeadingIDs(_ markdown: String) -> [String] {
    MarkdownRenderer().render(markdown).headings.map(\.id)
}

// MARK: - Heading ids

@Suite("Heading ids")
struct CommonMarkHeadingIDTests {
    @Test(arguments: [
        ("Hello World", "hello-world"),
        ("UPPER case", "upper-case"),
        ("Café", "cafe"),
        ("Ünïcödé Àccénts", "unicode-accents"),
        ("What's new", "whats-new"),
        ("What\u{2019}s new", "whats-new"),
        ("\u{2018}Quoted\u{2019}", "quoted"),
        ("Step 1: breathe -- slowly!!!", "step-1-breathe-slowly"),
        ("  --Leading and trailing--  ", "leading-and-trailing"),
        ("C++ & C#", "c-c"),
        ("a_b.c/d", "a-b-c-d"),
        ("2026 review", "2026-review"),
        ("Tabs\tand\nnewlines", "tabs-and-newlines"),
        ("Emoji 🎉 in the middle", "emoji-in-the-middle"),
        ("日本語 and English", "and-english"),
        ("\"><script>alert(1)</script>", "script-alert-1-script"),
        ("", "section"),
        ("   ", "section"),
        ("🎉🎉🎉", "section"),
        ("!!! ??? ...", "section"),
        ("日本語", "section"),
    ])
    func slugRules(text: String, slug: String) {
        #expect(HeadingIDGenerator.slug(text) == slug)
    }

    @Test(arguments: ["Hello, World!", "--a--b--", "Ωmega ǅ ﬁ ½ ①", "x\u{0}y", "a\u{301}b", "\u{FEFF}BOM", "ＦＵＬＬ ｗｉｄｔｈ",
                      "İstanbul", "Straße", "<>&\"'`", "🏳️‍🌈 flag", String(repeating: "ab-", count: 1_000)])
    func slugsAreSafeInAnAttribute(text: String) {
        let slug = HeadingIDGenerator.slug(text)
        #expect(!slug.isEmpty)
        #expect(slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(slug)")
        #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"), "\(slug)")
    }

    @Test func repeatedHeadingsGetNumberedSuffixes() {
        #expect(renderedHeadingIDs("# Intro\n\n## Intro\n\n### Intro\n\n# Other\n\n# intro\n") ==
            ["intro", "intro-2", "intro-3", "other", "intro-4"])
    }

    @Test func literalNumberedHeadingDoesNotCollide() {
        // The literal "Intro 2" comes after the second "Intro" took intro-2.
        let after = renderedHeadingIDs("# Intro\n\n# Intro\n\n# Intro 2\n\n# Intro\n")
        #expect(after == ["intro", "intro-2", "intro-2-2", "intro-3"])
        // And before it: the second "Intro" must skip intro-2.
        let before = renderedHeadingIDs("# Intro 2\n\n# Intro\n\n# Intro\n\n# Intro 3\n\n# Intro\n")
        #expect(before == ["intro-2", "intro", "intro-3", "intro-3-2", "intro-4"])
        for ids in [after, before] {
            #expect(Set(ids).count == ids.count, "ids must be unique: \(ids)")
        }
    }

    @Test func generatorKeepsIDsUniqueAcrossManyCollisions() {
        var generator = HeadingIDGenerator()
        var seen = Set<String>()
        for text in ["a", "a", "a 2", "a-2", "a 3", "a", "a 2", "a-2-2", "a", "A", "á"] {
            let id = generator.id(for: text)
            #expect(seen.insert(id).inserted, "\(text) got the duplicate id \(id)")
        }
    }

    @Test func idLandsOnTheHeadingElement() {
        #expect(renderHTML("## x\n") == "<h2 id=\"x\">x</h2>\n")
        #expect(renderHTML("# Café\n") == "<h1 id=\"cafe\">Café</h1>\n")
        #expect(renderHTML("###### What's *new*? ######\n") == "<h6 id=\"whats-new\">What's <em>new</em>?</h6>\n")
        #expect(renderHTML("#\n") == "<h1 id=\"section\"></h1>\n")
    }

    @Test func setextHeadingsGetIDsToo() {
        #expect(renderHTML("Title\n=====\n\nSub *title*\n---\n") ==
            "<h1 id=\"title\">Title</h1>\n<h2 id=\"sub-title\">Sub <em>title</em></h2>\n")
        // Multi-line setext content keeps cmark's newline inside the element.
        #expect(renderHTML("Two\nlines\n===\n") == "<h1 id=\"two-lines\">Two\nlines</h1>\n")
    }

    @Test func headingsInsideContainersGetIDs() {
        #expect(renderHTML("> # Quoted\n\n- ## Listed\n- text\n") == """
            <blockquote>
            <h1 id="quoted">Quoted</h1>
            </blockquote>
            <ul>
            <li>
            <h2 id="listed">Listed</h2>
            </li>
            <li>text</li>
            </ul>

            """)
    }

    @Test func hostileHeadingTextCannotEscapeTheAttribute() {
        let unsafe = renderHTML("# \"><script>alert(1)</script>\n", unsafe: true)
        #expect(unsafe == "<h1 id=\"alert-1\">&quot;&gt;<script>alert(1)</script></h1>\n")
        let safe = renderHTML("# \"><img src=x onerror=alert(1)>\n")
        #expect(safe == "<h1 id=\"section\">&quot;&gt;<!-- raw HTML omitted --></h1>\n")
    }

    @Test func headingsAreCollectedWithLevelTextIDAndLine() {
        let markdown = """
            # Hello *world*

            Some `code` and **strong**
            heading
            ===

            Paragraph.

            ## [Link](https://example.org) and `x<y>` ##

            > ### Quoted <span>html</span> &amp; entity

            - #### ![Logo](/logo.png) in a list

            ##### Hello world
            """
        let headings = MarkdownRenderer(allowsRawHTML: true).render(markdown).headings
        #expect(headings == [
            Heading(level: 1, text: "Hello world", id: "hello-world", line: 1),
            Heading(level: 1, text: "Some code and strong heading", id: "some-code-and-strong-heading", line: 3),
            Heading(level: 2, text: "Link and x<y>", id: "link-and-x-y", line: 9),
            Heading(level: 3, text: "Quoted html & entity", id: "quoted-html-entity", line: 11),
            Heading(level: 4, text: "Logo in a list", id: "logo-in-a-list", line: 13),
            Heading(level: 5, text: "Hello world", id: "hello-world-2", line: 15),
        ])
    }

    @Test func headingIDsMatchTheRenderedAttributes() {
        let rendered = MarkdownRenderer().render("# A\n\n## A\n\nText\n---\n\n### Ünï\n")
        let attributes = rendered.html.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: " id=\"") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(attributes == rendered.headings.map(\.id))
        #expect(attributes == ["a", "a-2", "text", "uni"])
    }
}

// MARK: - External links

@Suite("External links")
struct CommonMarkExternalLinkTests {
    @Test(arguments: [
        ("[a](https://example.com)", #"<p><a href="https://example.com" rel="noopener noreferrer">a</a></p>"#),
        ("[a](http://example.com/x?y=1)", #"<p><a href="http://example.com/x?y=1" rel="noopener noreferrer">a</a></p>"#),
        ("[a](HTTPS://EXAMPLE.COM)", #"<p><a href="HTTPS://EXAMPLE.COM" rel="noopener noreferrer">a</a></p>"#),
        ("<https://example.com/auto>",
         #"<p><a href="https://example.com/auto" rel="noopener noreferrer">https://example.com/auto</a></p>"#),
        ("[a][r]\n\n[r]: https://example.com/ref \"Ref\"",
         #"<p><a href="https://example.com/ref" title="Ref" rel="noopener noreferrer">a</a></p>"#),
        ("[*em* `code`](https://example.com \"T\")",
         #"<p><a href="https://example.com" title="T" rel="noopener noreferrer"><em>em</em> <code>code</code></a></p>"#),
    ])
    func externalLinksGetRel(markdown: String, expected: String) {
        #expect(renderHTML(markdown) == expected + "\n")
    }

    @Test(arguments: [
        ("[a](page.html)", #"<p><a href="page.html">a</a></p>"#),
        ("[a](../up/other.md#x)", #"<p><a href="../up/other.md#x">a</a></p>"#),
        ("[a](/root/)", #"<p><a href="/root/">a</a></p>"#),
        ("[a](#fragment)", ##"<p><a href="#fragment">a</a></p>"##),
        ("[a](mailto:help@example.com)", #"<p><a href="mailto:help@example.com">a</a></p>"#),
        ("<help@example.com>", #"<p><a href="mailto:help@example.com">help@example.com</a></p>"#),
        ("[a](tel:+441234)", #"<p><a href="tel:+441234">a</a></p>"#),
        ("[a](//example.com/x)", #"<p><a href="//example.com/x">a</a></p>"#),
        ("[a](ftp://example.com/f)", #"<p><a href="ftp://example.com/f">a</a></p>"#),
        ("[a](http:no-slashes)", #"<p><a href="http:no-slashes">a</a></p>"#),
        ("[a](httpsx://example.com)", #"<p><a href="httpsx://example.com">a</a></p>"#),
        ("![a](https://example.com/a.png)", #"<p><img src="https://example.com/a.png" alt="a" /></p>"#),
        ("![a](http://example.com/b.png \"T\")", #"<p><img src="http://example.com/b.png" alt="a" title="T" /></p>"#),
    ])
    func otherLinksAndImagesDoNot(markdown: String, expected: String) {
        #expect(renderHTML(markdown) == expected + "\n")
    }

    @Test func isExternalLooksAtTheSchemeOnly() {
        for external in ["http://a", "https://a", "HTTP://A", "hTtPs://a.b/c"] {
            #expect(MarkdownRenderer.isExternal(external), "\(external)")
        }
        for other in ["", "http", "http:", "http:/a", "https:a", "//a", "/http://a", "mailto:a", " https://a", "ftp://a"] {
            #expect(!MarkdownRenderer.isExternal(other), "\(other)")
        }
    }

    @Test func linkTextAndTitleEscapingStayCMarks() {
        // cmark: <p><a href="https://x.com/?a=1&amp;b=2&amp;c=%3C3%3E" title="T &quot;q&quot; &lt;&gt;&amp;">…
        let markdown = #"[a <b> & "c"](https://x.com/?a=1&b=2&amp;c=<3> "T \"q\" <>&")"# + "\n\n"
            + "[a](https://x.com/a\"b'c<d>e`f)\n"
        #expect(renderHTML(markdown) == #"""
            <p><a href="https://x.com/?a=1&amp;b=2&amp;c=%3C3%3E" title="T &quot;q&quot; &lt;&gt;&amp;" rel="noopener noreferrer">a <!-- raw HTML omitted --> &amp; &quot;c&quot;</a></p>
            <p><a href="https://x.com/a%22b&#x27;c%3Cd%3Ee%60f" rel="noopener noreferrer">a</a></p>

            """#)
        // The rel goes after the title, inside the start tag, even when the title holds `>`.
        #expect(renderHTML("[x](https://a.example \"a > b\")\n") ==
            "<p><a href=\"https://a.example\" title=\"a &gt; b\" rel=\"noopener noreferrer\">x</a></p>\n")
    }

    @Test func externalLinksInsideHeadingsAndListsAreMarked() {
        #expect(renderHTML("## See [help](https://example.org/help)\n\n- [a](https://a.example)\n  - [b](b.md)\n") == """
            <h2 id="see-help">See <a href="https://example.org/help" rel="noopener noreferrer">help</a></h2>
            <ul>
            <li><a href="https://a.example" rel="noopener noreferrer">a</a>
            <ul>
            <li><a href="b.md">b</a></li>
            </ul>
            </li>
            </ul>

            """)
    }

    @Test func linkedImageKeepsItsImage() {
        #expect(renderHTML("[![badge](badge.svg)](/status)\n") ==
            "<p><a href=\"/status\"><img src=\"badge.svg\" alt=\"badge\" /></a></p>\n")
    }

    @Test func externalLinkInsideAnImageDescriptionKeepsItsTextInAlt() {
        // cmark: <p><img src="/chart.png" alt="see the source" /></p>
        #expect(renderHTML("![see [the source](https://example.org)](/chart.png)\n") ==
            "<p><img src=\"/chart.png\" alt=\"see the source\" /></p>\n")
        // A relative link is left as a link node, so its text stays.
        #expect(renderHTML("![see [the notes](notes.html)](/n.png)\n") == "<p><img src=\"/n.png\" alt=\"see the notes\" /></p>\n")
    }
}

// MARK: - The rewriteLink callback

@Suite("Link rewriting")
struct CommonMarkLinkRewritingTests {
    /// Line/column pairs checked against `cmark -t xml --sourcepos` and by counting bytes.
    static let document = """
        # Title with [head](h.md)

        Para with [one](one.md) and ![img](pic.png "t").

        text <https://auto.example>

        > quote [q](q.md)

        Café 👋 [c](c.md)

        [ref][r] and [**strong** link](s.md)

        - item [in list](list.md)
          1. ![nested](deep.png)

        [r]: ref.md
        """

    static let expectedLinks = [
        MarkdownLink(destination: "h.md", line: 1, byteColumn: 14, isImage: false),
        MarkdownLink(destination: "one.md", line: 3, byteColumn: 11, isImage: false),
        MarkdownLink(destination: "pic.png", line: 3, byteColumn: 29, isImage: true),
        MarkdownLink(destination: "https://auto.example", line: 5, byteColumn: 6, isImage: false),
        MarkdownLink(destination: "q.md", line: 7, byteColumn: 9, isImage: false),
        MarkdownLink(destination: "c.md", line: 9, byteColumn: 12, isImage: false),
        MarkdownLink(destination: "ref.md", line: 11, byteColumn: 1, isImage: false),
        MarkdownLink(destination: "s.md", line: 11, byteColumn: 14, isImage: false),
        MarkdownLink(destination: "list.md", line: 13, byteColumn: 8, isImage: false),
        MarkdownLink(destination: "deep.png", line: 14, byteColumn: 6, isImage: true),
    ]

    @Test func callbackSeesEveryDestinationWithItsPosition() {
        var seen: [MarkdownLink] = []
        let rendered = MarkdownRenderer().render(Self.document) { link in
            seen.append(link)
            return nil
        }
        #expect(seen == Self.expectedLinks)
        #expect(rendered.links == Self.expectedLinks)
    }

    @Test func positionsPointAtTheLinkInTheSource() {
        // Independently of the table above: the byte at (line, byteColumn) opens the link.
        let lines = Self.document.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        for link in MarkdownRenderer().render(Self.document).links {
            let line = lines[link.line - 1]
            let byte = line[link.byteColumn - 1]
            #expect(byte == UInt8(ascii: link.isImage ? "!" : link.destination.hasPrefix("https:") ? "<" : "["),
                    "\(link.destination) at \(link.line):\(link.byteColumn)")
        }
    }

    @Test func returnedValueReplacesTheHrefAndNilKeepsIt() {
        let rendered = MarkdownRenderer().render(Self.document) { link in
            switch link.destination {
            case "one.md": "/one/"
            case "pic.png": "/media/pic.png"
            case "ref.md": "/reference/#top"
            case "h.md": "/h/?a=1&b=<2>"
            default: nil
            }
        }
        #expect(rendered.html.contains(#"<a href="/one/">one</a>"#))
        #expect(rendered.html.contains(#"<img src="/media/pic.png" alt="img" title="t" />"#))
        #expect(rendered.html.contains(#"<a href="/reference/#top">ref</a>"#))
        // A replacement is escaped by cmark like any destination.
        #expect(rendered.html.contains(#"<a href="/h/?a=1&amp;b=%3C2%3E">head</a>"#))
        // nil keeps the destination as written.
        #expect(rendered.html.contains(#"<a href="q.md">q</a>"#))
        #expect(rendered.html.contains(#"<a href="s.md"><strong>strong</strong> link</a>"#))
        #expect(rendered.html.contains(#"<a href="https://auto.example" rel="noopener noreferrer">https://auto.example</a>"#))
        // `links` reports the destinations as written, before rewriting.
        #expect(rendered.links == Self.expectedLinks)
    }

    @Test func externalnessIsDecidedAfterRewriting() {
        let rendered = MarkdownRenderer().render("[p](partner.md) [o](https://old.example/page)\n") { link in
            link.destination == "partner.md" ? "https://partner.example/" : "/page/"
        }
        #expect(rendered.html ==
            "<p><a href=\"https://partner.example/\" rel=\"noopener noreferrer\">p</a> <a href=\"/page/\">o</a></p>\n")
    }

    @Test func safeModeStillFiltersRewrittenDestinations() {
        let markdown = "[a](a.md)\n"
        let rewrite: (MarkdownLink) -> String? = { _ in "javascript:alert(1)" }
        #expect(MarkdownRenderer().render(markdown, rewriteLink: rewrite).html == "<p><a href=\"\">a</a></p>\n")
        #expect(MarkdownRenderer(allowsRawHTML: true).render(markdown, rewriteLink: rewrite).html ==
            "<p><a href=\"javascript:alert(1)\">a</a></p>\n")
    }

    @Test func destinationsAreUnescapedAndDecoded() {
        let links = MarkdownRenderer().render("[a](/f&ouml;&amp;o\\(x\\) \"t\") [b](<with space.md>)\n").links
        #expect(links.map(\.destination) == ["/fö&o(x)", "with space.md"])
    }

    @Test func positionsOnIndentedContinuationLines() {
        // libcmark 0.30 measures inline columns from the paragraph's stripped content, so a
        // continuation line indented more than the first (or a lazy line) is off
        // (commonmark/cmark#296). Diagnostics at these links point a few columns off.
        let links = MarkdownRenderer().render("First line\n    [x](x.md)\n\n> quote\nlazy [y](y.md)\n").links
        withKnownIssue("libcmark 0.30 inline source positions on continuation lines (commonmark/cmark#296)") {
            #expect(links.map(\.byteColumn) == [5, 6])
        }
        #expect(links.map(\.line) == [2, 5])
    }

    @Test func autolinkPositionsInsideContainers() {
        // libcmark 0.30 leaves the container's indentation out of an autolink's column.
        let links = MarkdownRenderer().render("- item <https://a.example>\n\n> q <b@c.example>\n").links
        withKnownIssue("libcmark 0.30 autolink source columns inside list items and block quotes") {
            #expect(links.map(\.byteColumn) == [8, 5])
        }
        #expect(links.map(\.line) == [1, 3])
    }

    @Test
    func imageInsideAnExternalLinkCanBeRewritten() {
        let rendered = MarkdownRenderer().render("[![badge](badge.svg)](https://ci.example.com)\n") { link in
            link.isImage ? "/img/badge.svg" : nil
        }
        #expect(rendered.links == [
            MarkdownLink(destination: "https://ci.example.com", line: 1, byteColumn: 1, isImage: false),
            MarkdownLink(destination: "badge.svg", line: 1, byteColumn: 2, isImage: true),
        ])
        #expect(rendered.html ==
            "<p><a href=\"https://ci.example.com\" rel=\"noopener noreferrer\"><img src=\"/img/badge.svg\" alt=\"badge\" /></a></p>\n")
    }
}

// MARK: - Safe mode

@Suite("Safe mode")
struct CommonMarkSafeModeTests {
    static let markdown = """
        <div class="x">raw block</div>

        Inline <span>raw</span> and [js](javascript:alert(1)) and ![img](vbscript:x).

        <script>alert(2)</script>

        """

    @Test func safeByDefault() {
        #expect(MarkdownRenderer().allowsRawHTML == false)
        #expect(MarkdownRenderer().render(Self.markdown).html == """
            <!-- raw HTML omitted -->
            <p>Inline <!-- raw HTML omitted -->raw<!-- raw HTML omitted --> and <a href="">js</a> and <img src="" alt="img" />.</p>
            <!-- raw HTML omitted -->

            """)
    }

    @Test func allowsRawHTMLLetsThemThrough() {
        #expect(MarkdownRenderer(allowsRawHTML: true).render(Self.markdown).html == """
            <div class="x">raw block</div>
            <p>Inline <span>raw</span> and <a href="javascript:alert(1)">js</a> and <img src="vbscript:x" alt="img" />.</p>
            <script>alert(2)</script>

            """)
    }

    @Test(arguments: ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:x", "file:///etc/passwd", "data:text/html,x",
                      "data:image/svg+xml,x"])
    func dangerousURLsAreEmptied(url: String) {
        #expect(renderHTML("[a](<\(url)>)\n") == "<p><a href=\"\">a</a></p>\n")
        #expect(renderHTML("[a](<\(url)>)\n", unsafe: true) == "<p><a href=\"\(url)\">a</a></p>\n")
    }

    @Test func safeImageDataURLsAreKept() {
        #expect(renderHTML("![a](data:image/png;base64,AAAA)\n") == "<p><img src=\"data:image/png;base64,AAAA\" alt=\"a\" /></p>\n")
    }
}

// MARK: - Plain text and word count

@Suite("Plain text")
struct CommonMarkPlainTextTests {
    static let markdown = """
        # Title *with* `code`

        First *para* with **strong**, `code` and a [link](https://example.com).
        A soft break continues it.

        <div>raw block html</div>

        - one
        - two <b>inline</b> html

        > quoted &amp; entity

        ```
        let x = 1
        let y = 2
        ```

        ---

        Last![image alt](/i.png)

        """

    @Test func plainTextHasNoMarkupAndOneBlockPerLine() {
        let rendered = MarkdownRenderer().render(Self.markdown)
        #expect(rendered.plainText == """
            Title with code
            First para with strong, code and a link. A soft break continues it.
            one
            two inline html
            quoted & entity
            let x = 1 let y = 2
            Lastimage alt

            """)
    }

    @Test func plainTextIsTheSameWithRawHTMLAllowed() {
        #expect(MarkdownRenderer(allowsRawHTML: true).render(Self.markdown).plainText
            == MarkdownRenderer().render(Self.markdown).plainText)
        for fragment in ["<", ">", "raw block", "omitted", "**", "`", "[", "#"] {
            #expect(!MarkdownRenderer(allowsRawHTML: true).render(Self.markdown).plainText.contains(fragment), "\(fragment)")
        }
    }

    @Test func wordCountCountsWhitespaceSeparatedWords() {
        let rendered = MarkdownRenderer().render(Self.markdown)
        let words = rendered.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
        #expect(rendered.wordCount == words)
        #expect(rendered.wordCount == 3 + 13 + 1 + 3 + 3 + 8 + 2)
        #expect(MarkdownRenderer().render("one two\tthree\n\nfour  five\nsix").wordCount == 6)
        #expect(MarkdownRenderer().render("don't stop-believing *emph*asis").wordCount == 3)
    }

    @Test func emptyDocument() {
        for markdown in ["", "\n\n", "   ", "<!-- only a comment -->"] {
            let rendered = MarkdownRenderer().render(markdown)
            #expect(rendered.plainText == "", "\(markdown.debugDescription)")
            #expect(rendered.wordCount == 0)
            #expect(rendered.headings.isEmpty && rendered.links.isEmpty)
        }
        #expect(renderHTML("") == "")
    }
}

// MARK: - Robustness

@Suite("Robustness")
struct CommonMarkRobustnessTests {
    private func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    @Test func deeplyNestedBlockQuotes() {
        let rendered = MarkdownRenderer().render(String(repeating: "> ", count: 10_000) + "x")
        #expect(count("<blockquote>", in: rendered.html) == 10_000)
        #expect(count("</blockquote>", in: rendered.html) == 10_000)
        #expect(rendered.html.contains("<p>x</p>"))
        #expect(rendered.plainText == "x\n")
    }

    @Test func deeplyNestedLists() {
        let rendered = MarkdownRenderer().render(String(repeating: "- ", count: 10_000) + "x")
        #expect(count("<ul>", in: rendered.html) == 10_000)
        #expect(count("</li>", in: rendered.html) == 10_000)
        #expect(rendered.html.contains("<li>x</li>"))
        #expect(rendered.plainText == "x\n")
    }

    @Test func deeplyNestedOrderedListsAndEmphasis() {
        let lists = MarkdownRenderer().render(String(repeating: "1. ", count: 5_000) + "x").html
        #expect(count("<ol>", in: lists) == 5_000)
        let emphasis = MarkdownRenderer().render(String(repeating: "*", count: 20_000) + "x" + String(repeating: "*", count: 20_000)).html
        #expect(emphasis.hasPrefix("<p>") && emphasis.contains("x"))
        let brackets = MarkdownRenderer().render(String(repeating: "[", count: 50_000) + "x" + String(repeating: "](/u)", count: 50_000)).html
        #expect(brackets.contains("x"))
    }

    @Test func fiveMegabyteDocument() {
        let chunk = """
            ## Section

            A paragraph with *emphasis*, a [relative link](page.md), an [external one](https://example.org/x),
            and some more text to make the document large. Café ☕ 🎉.

            - item one
            - item two


            """
        let repeats = 5_000_000 / chunk.utf8.count + 1
        let markdown = String(repeating: chunk, count: repeats) + "Final paragraph x."
        #expect(markdown.utf8.count > 5_000_000)
        var callbacks = 0
        let rendered = MarkdownRenderer().render(markdown) { _ in
            callbacks += 1
            return nil
        }
        #expect(rendered.headings.count == repeats)
        #expect(rendered.headings.last?.id == "section-\(repeats)")
        #expect(Set(rendered.headings.map(\.id)).count == repeats)
        #expect(rendered.links.count == 2 * repeats && callbacks == 2 * repeats)
        #expect(count(#"rel="noopener noreferrer""#, in: rendered.html) == repeats)
        #expect(rendered.html.hasSuffix("<p>Final paragraph x.</p>\n"))
        #expect(rendered.wordCount > 500_000)
    }

    @Test func nulBytesBecomeReplacementCharacters() {
        let rendered = MarkdownRenderer().render("a\u{0}b\n\n# \u{0}\n\n`\u{0}`\n\n[x\u{0}](y\u{0})\n")
        #expect(rendered.html == """
            <p>a\u{FFFD}b</p>
            <h1 id="section">\u{FFFD}</h1>
            <p><code>\u{FFFD}</code></p>
            <p><a href="y%EF%BF%BD">x\u{FFFD}</a></p>

            """)
        #expect(!rendered.html.contains("\u{0}") && !rendered.plainText.contains("\u{0}"))
    }

    @Test func invalidLookingInput() {
        // Swift strings hold valid UTF-8 only: bad bytes arrive as U+FFFD.
        let repaired = String(decoding: [0x78, 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x78] as [UInt8], as: UTF8.self)
        let html = renderHTML(repaired)
        #expect(html.hasPrefix("<p>x") && html.hasSuffix("x</p>\n"))
        #expect(String(validating: Array(html.utf8), as: UTF8.self) != nil)

        // Character references to invalid code points are replaced, too-long ones left as text.
        #expect(renderHTML("&#0; &#xD800; &#x110000; &#99999999;") ==
            "<p>\u{FFFD} \u{FFFD} \u{FFFD} &amp;#99999999;</p>\n")

        let junk = "\u{1}\u{2}\u{1B}[31m\u{7F} <<<>>> ]]]((( ``` *** ___ &&& \\\\\\ \r\r\n\u{FEFF}\u{FFFF}\u{10FFFF} ![[<a href=\"x"
        for unsafe in [false, true] {
            let rendered = MarkdownRenderer(allowsRawHTML: unsafe).render(junk)
            #expect(!rendered.html.isEmpty)
            #expect(rendered.html.contains("[31m"))
        }
    }

    @Test func manyHeadingsAndLinksRenderInParallel() async {
        // The renderer keeps no state: concurrent renders must not interfere.
        let markdown = (1...200).map { "## Part\n\n[l\($0)](https://example.org/\($0))\n" }.joined(separator: "\n")
        let expected = MarkdownRenderer().render(markdown).html
        await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask { MarkdownRenderer().render(markdown).html }
            }
            for await result in group {
                #expect(result == expected)
            }
        }
    }
}
