import Foundation
import SiteBuild
import SiteModel
import Testing

@Suite("Links in generated pages")
struct GeneratedLinkTests {
    @Test func markdownLinksAreReportedAtTheirSourcePosition() {
        let report = CheckFixtures.check("""
        See [missing](/missing/) and [bad anchor](/a/#nowhere) or
        [own site](https://example.org/gone/) and [fine](https://example.org/a/#top-heading).
        Also [insecure](http://example.com/page) and [broken](https:///no-host).

        ## Top heading
        """)
        #expect(report.lines(.links) == [
            "Content/articles/a.md:12:5: error: link to '/missing/' goes nowhere: the site has no missing/index.html",
            "Content/articles/a.md:12:30: error: link to '/a/#nowhere': the page has no element with id 'nowhere'",
            "Content/articles/a.md:13:1: error: link to 'https://example.org/gone/' goes nowhere: the site has no gone/index.html",
            "Content/articles/a.md:14:6: warning: link to 'http://example.com/page' uses http:, which is not secure; use https:// if the site has it",
            "Content/articles/a.md:14:46: error: link to 'https:///no-host' is not a well-formed web address",
        ])
    }

    @Test func templateLinksAreReportedOnceAtTheTemplateLine() {
        let site = CheckFixtures.site.with("""
        -- Templates/partials/help.mustache --
        <section id="urgent-help">{{#urgent_help.contacts}}<a href="{{phone_href}}">{{name}}</a>{{/urgent_help.contacts}}</section>
        <a href="{{root}}get-help/">Get help</a> <a href="#main-content">Skip</a>
        """).with(SiteFixture.article("a", body: "Text."))
        let report = CheckFixtures.check(site)
        let lines = report.lines(.links)
        #expect(lines.count == 2, "\(lines)")
        // Written as `{{root}}get-help/`: `/get-help/` on the 404 page, `../get-help/` or `get-help/` elsewhere; one finding.
        #expect(lines.contains("Templates/partials/help.mustache:2:18: error: link to '/get-help/' goes nowhere: the site has no get-help/index.html (in 6 pages, e.g. 404.html)"))
        #expect(lines.contains("Templates/partials/help.mustache:2:51: error: link to '#main-content': the page has no element with id 'main-content' (in 6 pages, e.g. 404.html)"))
    }

    @Test func aValidSiteHasNoLinkFindings() {
        let site = CheckFixtures.site.with(SiteFixture.article("a", body: "[b](b.md#part) and [home](/)."))
            .with(SiteFixture.article("b", body: "## Part\n\nText."))
        #expect(CheckFixtures.check(site).lines(.links).isEmpty)
    }

    @Test func aBrokenLinkFailsTheBuildWithoutTouchingOutput() {
        let site = CheckFixtures.site.with(SiteFixture.article("a", body: "[x](/nope/)"))
        let failure = site.failure()
        #expect(failure.hasPrefix("Content/articles/a.md:12:1: error: link to '/nope/' goes nowhere: the site has no nope/index.html"))
    }
}
