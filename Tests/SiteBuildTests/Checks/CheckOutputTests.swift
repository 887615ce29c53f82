import Foundation
import SiteBuild
import SiteModel
import Testing

@Suite("hub check output")
struct CheckOutputTests {
    static let site = CheckFixtures.site.with(SiteFixture.article("a", body: """
    He committed suicide. A service user said it was manic monday.

    See [insecure](http://example.com/).
    """))

    @Test func jsonSchemaSnapshot() {
        let report = CheckFixtures.check(Self.site)
        Snapshot.assert(CheckReportJSON.encode(report), named: "check-report.json")
    }

    @Test func githubAnnotations() {
        let report = CheckFixtures.check(Self.site)
        let text = CheckReportText.github(report, includeInfo: false)
        #expect(text.contains("::error file=Content/articles/a.md,line=12,col=4,title=hub check%3A language::'committed suicide': consider: died by suicide; took their own life; ended their life%0A'Commit' frames"))
        #expect(text.contains("::warning file=Content/articles/a.md,line=14,col=5,title=hub check%3A links::link to 'http://example.com/' uses http:"))
        #expect(!text.contains("::notice"))
        #expect(CheckReportText.github(report, includeInfo: true).contains("::notice file=Content/articles/a.md,line=12,col=25,title=hub check%3A language::'service user'"))
    }

    @Test func textEndsWithASummaryTable() {
        let text = CheckReportText.format(CheckFixtures.check(Self.site), colours: false, includeInfo: false)
        #expect(text.hasPrefix("Content/articles/a.md:12:4: error: 'committed suicide'"))
        #expect(!text.contains("\u{1B}["))
        #expect(text.contains("articles  pages  errors  warnings  info  median grade  highest grade"))
        #expect(text.contains("\na        "))
    }

    @Test func registerIsSelfContainedAndStatesStatusInWords() {
        let report = CheckFixtures.check(Self.site) { $0.today = Day(iso: "2028-03-01")! }
        let html = ContentRegister.html(report)
        #expect(html.contains("<span class=\"badge\">Overdue</span> 2028-02-01"))
        #expect(html.contains("<th scope=\"col\" aria-sort=\"ascending\">Next review</th>"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link"))
        #expect(html.contains("Sam Writer"))
    }

    @Test func exitCodesAndStrict() throws {
        let folder = try TemporaryFolder()
        let clean = CheckFixtures.site.with(SiteFixture.article("a", body: "Text."))
        try folder.write(clean)
        let root = folder.url.path
        var run = try HubProcess.run(["check", "--root", root, "--today", "2026-11-26"])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        // 50 days before next_review: a warning, which fails only with --strict.
        run = try HubProcess.run(["check", "--root", root, "--today", "2027-12-13"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("warning: review due in 50 days"))
        run = try HubProcess.run(["check", "--root", root, "--today", "2027-12-13", "--strict"])
        #expect(run.status == 1, "\(run.standardOutput)\(run.standardError)")
        run = try HubProcess.run(["build", "--root", root, "--today", "2027-12-13", "--strict"])
        #expect(run.status == 1, "\(run.standardOutput)\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Public").path))
        // Overdue: an error, so check and build fail without --strict; check writes nothing.
        let register = folder.url.appendingPathComponent("register.html").path
        run = try HubProcess.run(["check", "--root", root, "--today", "2028-02-02", "--format", "json", "--report", register])
        #expect(run.status == 1, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("\"review_status\" : \"overdue\""))
        #expect(FileManager.default.fileExists(atPath: register))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Public").path))
        run = try HubProcess.run(["build", "--root", root, "--today", "2028-02-02"])
        #expect(run.status == 1, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardError.contains("error: review overdue"))
    }
}
