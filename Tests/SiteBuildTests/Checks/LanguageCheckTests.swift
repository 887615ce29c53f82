import Foundation
@testable import SiteBuild
import SiteModel
import Testing

@Suite("Language guide")
struct LanguageCheckTests {
    // With no extra front matter the body starts on line 12 of the file; each extra line adds one.

    @Test func findsTermsWithExactPhraseLineColumnSuggestionAndReason() throws {
        let report = CheckFixtures.check("""
        Some text.

        He committed suicide in 2019, and she was
        *suffering from* depression.
        """)
        let language = report.findings.filter { $0.rule == .language }
        #expect(report.lines(.language) == [
            "Content/articles/a.md:14:4: error: 'committed suicide': consider: died by suicide; took their own life; ended their life",
            "Content/articles/a.md:15:2: warning: 'suffering from': consider: has; lives with; experiences; has a diagnosis of; is being treated for",
        ])
        #expect(language.map(\.phrase) == ["committed suicide", "suffering from"])
        #expect(language[0].diagnostic.notes.first?.hasPrefix("'Commit' frames suicide as a crime") == true)
        #expect(language[0].diagnostic.sourceLine == "He committed suicide in 2019, and she was")
    }

    /// Words for locating a phrase: runs of letters and digits by Unicode scalar, read over
    /// bytes; the same runs, and the same ranges of the line, as a scalar-by-scalar reading.
    @Test func wordsAreRunsOfLettersAndDigits() {
        func byScalar(_ text: Substring) -> [Substring] {
            var words: [Substring] = [], start: String.Index?
            var index = text.unicodeScalars.startIndex
            while index < text.unicodeScalars.endIndex {
                let scalar = text.unicodeScalars[index]
                let isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                if isWord, start == nil { start = index }
                if !isWord, let first = start { words.append(text[first..<index]); start = nil }
                index = text.unicodeScalars.index(after: index)
            }
            if let first = start { words.append(text[first...]) }
            return words
        }
        let line = "« Service users’ café—naïve 5-4-3 x² 日本語 Straße ﬁle_name 😀 end"
        for text in [line[...], line.dropFirst(2).dropLast(4), ""[...], "   "[...], "word"[...]] {
            let words = ProseUnits.words(in: text)
            #expect(words == byScalar(text))
            #expect(words.map(\.startIndex) == byScalar(text).map(\.startIndex))
        }
        #expect(ProseUnits.words(in: line[...]).prefix(4) == ["Service", "users", "café", "naïve"])
    }

    @Test func theSameTermTwiceInABlockPointsAtEachOccurrence() {
        let report = CheckFixtures.check("A psycho and\nanother psycho.")
        #expect(report.lines(.language) == [
            "Content/articles/a.md:12:3: error: 'psycho': do not use; describe the behaviour factually",
            "Content/articles/a.md:13:9: error: 'psycho': do not use; describe the behaviour factually",
        ])
    }

    /// DOMAIN.md §1.4: none of these may fire.
    @Test func falsePositiveTrapsDoNotFire() {
        let report = CheckFixtures.check("""
        Asylum seekers can get help. Pecans and other nuts are healthy. It is not a cookie cutter plan.
        We want to shrink the gap in care. The garden was sectioned off. Mental health matters.
        A panic attack is frightening. Psychosis can be treated. Depression is common. An overdose needs
        urgent care. The forensic team assessed whether he was a psychopath. Mental illness is real.
        Advocates check any mental case management online.
        """)
        #expect(report.findings.filter { $0.rule == .language && $0.severity != .info }.isEmpty, "\(report.lines(.language))")
        #expect(!report.lines(.language).contains { $0.contains("asylum") || $0.contains("nuts") || $0.contains("shrink") || $0.contains("sectioned off") })
    }

    @Test func codeAndLinkDestinationsAreNotProseButLinkTextIs() {
        let report = CheckFixtures.check("""
        Run `nutter --check` or see [the archive](https://example.org/nutter/).

            psycho in a code block

        [a lunatic link text](https://example.org/)
        """)
        #expect(report.lines(.language) == ["Content/articles/a.md:16:4: error: 'lunatic': do not use"])
    }

    @Test func quotesAndBlockQuotesAreExemptFromWarningsButNotErrors() {
        let body = """
        She said “I was suffering from anxiety” and felt better.

        > I was suffering from depression.
        > They called me a nutter.
        """
        let report = CheckFixtures.check(body)
        #expect(report.lines(.language) == ["Content/articles/a.md:15:20: error: 'nutter': do not use"])

        let strictQuotes = CheckFixtures.site.with("""
        -- Content/site.yml --
        \(CheckFixtures.site.files["Content/site.yml"]!)checks:
          quotes_exempt: false
        """)
        let all = CheckFixtures.check(body, site: strictQuotes)
        #expect(all.lines(.language).count == 3, "\(all.lines(.language))")
    }

    @Test func allowancesNeedAReasonAndMustMatchSomething() {
        let report = CheckFixtures.check("I call myself mentally ill, and I am a service user.", extra: """
        language_allow:
          - {term: mentally ill, reason: "The author's own words about herself"}
          - {term: service user}
          - {term: madhouse, reason: Quoting a 1950s report}
        """)
        #expect(report.lines(.language) == [
            "Content/articles/a.md:12:12: error: language allowance for 'service user' has no reason",
            "Content/articles/a.md:13:12: warning: language allowance for 'madhouse' matches nothing in this article",
            // The allowance without a reason allows nothing.
            "Content/articles/a.md:15:40: info: 'service user': consider: people who use mental health services (only when they do); people with mental health problems otherwise",
        ])
    }

    /// A build shows no info, so it does not look for terms that could only be info; but
    /// where an allowance might need one, it looks, or the allowance would seem unused.
    @Test func aBuildLooksForNoInfoTermsUnlessAnAllowanceNeedsThem() throws {
        let site = CheckFixtures.site
            .with(SiteFixture.article("plain", body: "We asked service users what helped."))
            .with(SiteFixture.article("allowed", extra: """
            language_allow:
              - {term: service users, reason: "The name of the panel in the report"}
            """, body: "We asked service users what helped."))
        let checked = CheckFixtures.check(site)
        #expect(checked.lines(.language) == [
            "Content/articles/plain.md:12:10: info: 'service users': consider: people who use mental health services (only when they do); people with mental health problems otherwise",
        ])
        var options = BuildOptions(today: Day(iso: "2026-11-26")!)
        options.jobs = 2
        let built = try SiteBuilder(options: options).build(site.siteFiles, into: MemoryOutput())
        #expect(built.checks.lines(.language).isEmpty, "\(built.checks.lines(.language))")
        #expect(built.warnings.isEmpty, "\(built.warnings.map(\.message))")
    }

    @Test func teamsChangeSeveritiesAndAddTermsInTheTSV() {
        let guide = """
        term_pattern\tsuggestion\tseverity\treason\tsource
        \\bservice\\s+users?\\b\tpeople who use services\terror\tJargon.\tHouse style
        \\bwidget\\b\tthing\twarning\tOur own word list.\tHouse style
        """
        let site = CheckFixtures.site.with("-- Content/data/language-guide.tsv --\n" + guide)
        let report = CheckFixtures.check("A service user and a widget.", site: site)
        #expect(report.lines(.language) == [
            "Content/articles/a.md:12:3: error: 'service user': consider: people who use services",
            "Content/articles/a.md:12:22: warning: 'widget': consider: thing",
        ])
    }

    @Test func aBrokenGuideRowIsAnErrorAtItsLine() {
        let site = CheckFixtures.site.with("""
        -- Content/data/language-guide.tsv --
        term_pattern\tsuggestion\tseverity\treason\tsource
        \\bok\\b\tfine\twarning\tReason.\tSource
        (unclosed\tx\twarning\tReason.\tSource
        \\bx\\b\ty\tsevere\tReason.\tSource
        """)
        let report = CheckFixtures.check("Text.", site: site)
        #expect(report.lines(.build) == [
            "Content/data/language-guide.tsv:3:1: error: 'term_pattern' is not a valid regular expression",
            "Content/data/language-guide.tsv:4:9: error: severity must be error, warning or info, not 'severe'",
        ])
    }

    @Test func titleAndSummaryAreCheckedAtTheirFrontMatterLines() {
        let site = CheckFixtures.site.with(SiteFixture.article("a", title: "Why people call others crazy", body: "Text."))
        let report = CheckFixtures.check(site)
        #expect(report.lines(.language) == [
            "Content/articles/a.md:2:31: warning: 'crazy': consider: about people: describe the behaviour or say 'unwell'; as an intensifier: 'ridiculous', 'unbelievable', 'wild'",
        ])
    }
}
