import Foundation
@testable import SiteBuild
import CommonMark
import SiteModel
import Testing

@Suite("Model values")
struct ModelTests {
    @Test(arguments: ["2026-02-29", "2026-13-01", "2024-13-45", "2026-00-10", "2026-04-31", "26-01-01", "2026-1-01", "2026-01-01x", ""])
    func impossibleDatesAreRejected(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func datesParseFormatAndCount() throws {
        let day = try #require(Day(iso: "2024-02-29"))
        #expect(day.iso == "2024-02-29")
        #expect(day.human == "29 February 2024")
        #expect(day.adding(years: 1).iso == "2025-02-28")
        #expect(day.adding(days: 1).iso == "2024-03-01")
        #expect(day.adding(days: -60).iso == "2023-12-31")
        #expect(day.days(until: Day(iso: "2025-02-28")!) == 365)
        #expect(Day(iso: "1970-01-01")?.daysSinceEpoch == 0)
    }

    @Test func sitePathsLinkRelativelyFromAnyDepth() {
        let article = SitePath("peer-support/")
        #expect(article.depth == 1)
        #expect(article.root == "../")
        #expect(article.filePath == "peer-support/index.html")
        #expect(article.link(to: SitePath("topics/work/")) == "../topics/work/")
        #expect(article.link(to: SitePath(""), fragment: "top") == "../#top")
        let home = SitePath("")
        #expect(home.depth == 0 && home.root == "./" && home.filePath == "index.html")
        #expect(home.link(to: article) == "peer-support/")
        #expect(SitePath("topics/work/").link(to: article) == "../../peer-support/")
        #expect(SitePath("/2019/old.html").depth == 1)
        // Read over bytes; the same as trimming leading "/" Characters from a Substring.
        for text in ["", "/", "//", "a", "a/", "/a/b/", "//a//b", "é/ü/", "/\u{301}x/", "a/\u{301}/", "topics/work/", "feed.xml"] {
            var trimmed = Substring(text)
            while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
            let path = SitePath(text)
            #expect(path.value == String(trimmed), "\(text)")
            #expect(path.depth == trimmed.utf8.filter { $0 == 0x2F }.count, "\(text)")
        }
    }

    @Test(arguments: [("peer-support", true), ("a1", true), ("Peer", false), ("-x", false), ("x-", false), ("a--b", false),
                      ("../etc", false), ("a b", false), ("", false), ("café", false)])
    func slugRules(_ slug: String, _ valid: Bool) {
        #expect(Slug.isValid(slug) == valid)
    }

    @Test(arguments: [("/old/", true), ("/2019/page.html", true), ("/a/../b/", false), ("old/", false), ("/a b/", false), ("/", false)])
    func aliasRules(_ alias: String, _ valid: Bool) {
        #expect(FrontMatterParser.isValidAlias(alias) == valid)
    }

    @Test func diagnosticsPrintLikeTheSwiftCompiler() {
        let diagnostic = Diagnostic.error("'published' is not a real date: '2026-02-30'",
                                          at: SourceLocation(path: "Content/articles/x.md", line: 5, column: 12),
                                          sourceLine: "published:\t2026-02-30", notes: ["dates look like 2026-03-03"])
        #expect(DiagnosticPrinter().format(diagnostic) == """
        Content/articles/x.md:5:12: error: 'published' is not a real date: '2026-02-30'
        published:    2026-02-30
                      ^
        note: dates look like 2026-03-03

        """)
        let many = (1...60).map { Diagnostic.error("problem \($0)", at: SourceLocation(path: "a.md", line: $0, column: 1)) }
        let text = DiagnosticPrinter(limit: 50).format(many)
        #expect(text.contains("a.md:50:1: error: problem 50"))
        #expect(!text.contains("problem 51\n"))
        #expect(text.hasSuffix("… and 10 more errors and 0 more warnings not shown\n"))
    }

    /// Front-matter text is trimmed of exactly what Foundation's `whitespacesAndNewlines` trims.
    @Test func frontMatterTextIsTrimmedOfUnicodeWhiteSpace() {
        let space = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { CharacterSet.whitespacesAndNewlines.contains($0) }
            .map(String.init).joined()
        for text in ["", " ", "plain", "  two words \t\n", space + "middle" + space, "\u{200B}zero width\u{200B}",
                     "\u{00A0}no-break\u{3000}", "é\u{301} \u{2028}", "\r\n\u{85}"] {
            #expect(YAMLReader.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// The sitemap's and feed's escaping: XML's entities, found by byte, so a `&` or `<`
    /// that a combining accent joins into one Character is escaped too.
    @Test func xmlTextEscapesEverySpecialByte() {
        #expect(XMLText.escape(#"Tom & Jerry's <b>"x"</b>"#) == "Tom &amp; Jerry&apos;s &lt;b&gt;&quot;x&quot;&lt;/b&gt;")
        #expect(XMLText.escape("plain é text") == "plain é text")
        #expect(XMLText.escape("a &\u{301} b <\u{338}") == "a &amp;\u{301} b &lt;\u{338}")
        #expect(HTMLEscaping.escape("it's") == "it&#39;s")
    }

    /// A slug from a file name, split by byte: the same as split by Character.
    @Test func slugsFromPathsSplitByByteAsByCharacter() {
        for path in ["Content/articles/peer-support.md", "peer-support.md", "Content/articles/nested/a.md", "a/b/", "/", "", "x.md.md",
                     "Content//articles//é-ü.md", "no-extension", "a/.md", "a/b.MD", "é\u{301}/x.md"] {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            #expect(FrontMatterParser.slug(fromPath: path) == (name.hasSuffix(".md") ? String(name.dropLast(3)) : name), "\(path)")
        }
    }

    @Test func closestKeySuggestions() {
        #expect(YAMLReader.closest(to: "reveiwed", in: ["last_reviewed", "reviewers", "title"]) == "last_reviewed")
        #expect(YAMLReader.closest(to: "reviewer", in: ["last_reviewed", "reviewers", "title"]) == "reviewers")
        #expect(YAMLReader.closest(to: "tittle", in: ["title", "summary"]) == "title")
        #expect(YAMLReader.closest(to: "zzzzzz", in: ["title", "summary"]) == nil)
    }

    @Test func headingIDsAreSafeToWriteUnescaped() {
        for text in ["<script>alert(1)</script>", "\" onmouseover=\"x", "Ça va? Déjà vu!", "日本語"] {
            let slug = HeadingIDGenerator.slug(text)
            #expect(slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D })
        }
    }

    @Test func sourceLinesAreQuotedWithoutTheirLineEnd() {
        let file = SourceText(path: "x.md", text: "first\r\nsecond ü\n\nfourth\n")
        #expect(file.line(1) == "first")
        #expect(file.line(2) == "second ü")
        #expect(file.line(3) == "")
        #expect(file.line(4) == "fourth")
        #expect(file.line(5) == "")
        #expect(file.line(6) == nil)
        #expect(file.line(0) == nil)
        // A bridged or sliced string without contiguous UTF-8 gives the same lines.
        let bridged = SourceText(path: "x.md", text: String(("first\r\nsecond ü\n\nfourth\n" as NSString) as String))
        #expect((1...6).map(bridged.line) == (1...6).map(file.line))
    }
}
