import Foundation
import SiteBuild
import SiteModel
import Testing

@Suite("Trust metadata and safe messaging")
struct TrustAndSafetyTests {
    static let rules = CheckFixtures.site.with("""
    -- Content/site.yml --
    title: Test Hub
    tagline: Testing the hub
    base_url: https://example.org/
    language: en-GB
    organisation: {name: Test Org, url: "https://example.org/"}
    topics:
      - {slug: recovery, title: Recovery, description: About recovery.}
      - {slug: work, title: Work, description: About work.}
      - {slug: suicide, title: Suicide, description: Support after suicidal feelings.}
    checks:
      sources_required_topics: [work]
      reviewers_required:
        - {topic: work, kinds: [legal, lived-experience]}
    """)

    @Test func overdueReviewIsAnErrorAndADueOneAWarning() {
        // The fixture article's next_review is 2028-02-01, on line 7, column 14.
        let overdue = CheckFixtures.check("Text.") { $0.today = Day(iso: "2028-02-03")! }
        #expect(overdue.lines(.trust).filter { $0.hasPrefix("Content/articles") } == ["Content/articles/a.md:7:14: error: review overdue: 'next_review' was 2028-02-01, 2 days ago"])
        #expect(overdue.documents.first?.reviewStatus == .overdue)
        let due = CheckFixtures.check("Text.") { $0.today = Day(iso: "2027-12-13")! }
        #expect(due.lines(.trust).filter { $0.hasPrefix("Content/articles") } == ["Content/articles/a.md:7:14: warning: review due in 50 days (2028-02-01)"])
        #expect(CheckFixtures.check("Text.").lines(.trust).isEmpty)
    }

    @Test func topicsThatNeedEvidenceNeedSourcesAndTheirReviewers() {
        let report = CheckFixtures.check("Text.", topics: "[work]", site: Self.rules)
        #expect(report.lines(.trust) == [
            "Content/articles/a.md:4:10: error: articles on 'work' must list their sources",
            "Content/articles/a.md:4:10: warning: articles on 'work' need a legal reviewer",
            "Content/articles/a.md:4:10: warning: articles on 'work' need a lived-experience reviewer",
        ])
        let sourced = CheckFixtures.check("Text.", extra: """
        reviewers:
          - {name: Lee Law, role: Solicitor, kind: legal}
          - {name: Kim Peer, role: Peer worker, kind: lived-experience}
        sources:
          - {title: Guide, publisher: GOV.UK, url: "https://www.gov.uk/", accessed: 2026-11-01}
        """, topics: "[work]", site: Self.rules)
        #expect(sourced.lines(.trust).isEmpty)
    }

    @Test func crisisContactsNotVerifiedWithin90DaysWarn() {
        let report = CheckFixtures.check("Text.") { $0.today = Day(iso: "2027-02-19")! }
        // last_verified 2026-11-20 is 91 days before.
        #expect(report.lines(.trust).contains(
            "Content/data/crisis.yml:7:20: warning: 'Samaritans' was last verified 91 days ago (2026-11-20); check it every 90 days"))
        let fresh = CheckFixtures.check("Text.") { $0.today = Day(iso: "2027-02-18")! }
        #expect(!fresh.lines(.trust).contains { $0.contains("crisis.yml") })
    }

    @Test func suicideArticlesNeedAContentNoteAndMethodDetailIsAnError() {
        let body = "He was found after he jumped from a bridge."
        let report = CheckFixtures.check(body, topics: "[suicide]", site: Self.rules)
        #expect(report.lines(.safeMessaging) == ["Content/articles/a.md:4:10: error: articles on 'suicide' need a 'content_note'"])
        #expect(report.lines(.language) == [
            "Content/articles/a.md:12:23: error: 'jumped from': review: remove method and location detail if this describes a suicide",
        ])
        // The same words elsewhere are a warning for a human to review.
        let elsewhere = CheckFixtures.check(body, site: Self.rules)
        #expect(elsewhere.findings.filter { $0.rule == .language }.map(\.severity) == [.warning])
        #expect(elsewhere.lines(.safeMessaging).isEmpty)

        let noted = CheckFixtures.check("Text.", extra: "content_note: This page talks about suicide.", topics: "[suicide]", site: Self.rules)
        #expect(noted.lines(.safeMessaging).isEmpty)
    }

    @Test func suicideArticlesMustShowTheUrgentHelpBox() {
        let site = Self.rules.with("""
        -- Templates/partials/help.mustache --
        <footer>No help box here</footer>
        """)
        let report = CheckFixtures.check("Text.", extra: "content_note: This page talks about suicide.", topics: "[suicide]", site: site)
        #expect(report.lines(.safeMessaging) == [
            "Content/articles/a.md:4:10: error: the page a/index.html does not show the urgent-help box (an element with id 'urgent-help' listing the contacts)",
        ])
    }
}
