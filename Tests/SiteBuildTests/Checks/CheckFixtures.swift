import Foundation
import SiteBuild
import SiteModel
import Testing

/// Sites for the content-check tests: the minimal fixture plus the hub's own language guide,
/// so the tests exercise the data that ships.
enum CheckFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let languageGuide = (try? String(contentsOf: repository.appendingPathComponent("Content/data/language-guide.tsv"), encoding: .utf8)) ?? ""

    static let site = SiteFixture(files: SiteFixture.minimal.files.merging(["Content/data/language-guide.tsv": languageGuide]) { $1 })

    /// One article with `body` (and extra front matter), checked on 2026-11-26.
    static func check(_ body: String, extra: String = "", topics: String = "[recovery]", site: SiteFixture = site,
                      configure: (inout BuildOptions) -> Void = { _ in }) -> CheckReport {
        check(site.with(SiteFixture.article("a", topics: topics, extra: extra, body: body)), configure: configure)
    }

    static func check(_ site: SiteFixture, configure: (inout BuildOptions) -> Void = { _ in }) -> CheckReport {
        var options = BuildOptions(today: Day(iso: "2026-11-26")!)
        options.jobs = 2
        configure(&options)
        return SiteBuilder(options: options).check(site.siteFiles)
    }
}

extension CheckReport {
    /// `path:line:col: severity: message` for each finding of `rule`, for exact comparisons.
    func lines(_ rule: Finding.Rule) -> [String] {
        findings.filter { $0.rule == rule }.map { "\($0.diagnostic.location?.description ?? ""): \($0.severity.rawValue): \($0.diagnostic.message)" }
    }
}
