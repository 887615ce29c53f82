import Foundation
import SiteBuild
import SiteModel
import Testing

/// Real tools on real pages: axe-core in headless Chromium (light and dark) and the Nu
/// HTML Checker, on every page of the hub's own site and of the fixture site (which has
/// the quick-exit, content-note and redirect pages the hub does not). The Python scripts
/// under Tests/a11y/ run them; a missing tool fails the test with what to install.
@Suite("Accessibility and HTML validity (Chromium + axe-core, Nu checker)")
struct BrowserChecksTests {
    static let scripts = SnapshotTests.repository.appendingPathComponent("Tests/a11y")

    /// Writes the hub and the fixture into `folder`/hub and `folder`/fixture.
    static func writeSites(into folder: TemporaryFolder) throws -> [String] {
        let sites = [("hub", try PublicSiteTests.buildHub()), ("fixture", try SnapshotTests.build())]
        for (name, output) in sites {
            for (path, data) in output.files {
                let file = folder.url.appendingPathComponent(name).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
        }
        return sites.map { folder.url.appendingPathComponent($0.0).path }
    }

    /// Runs `python3 Tests/a11y/<script> <arguments>`; status and everything it printed.
    static func runScript(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scripts.appendingPathComponent(script).path] + arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("hub-a11y-\(UUID().uuidString).log")
        try Data().write(to: log)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Fails with the script's own words when a tool is missing (exit 3).
    static func expectClean(_ result: (status: Int32, output: String), _ what: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if result.status == 3 {
            Issue.record("\(what) could not run: a tool is missing.\n\(result.output)", sourceLocation: sourceLocation)
            return
        }
        #expect(result.status == 0, "\(what) found problems:\n\(result.output)", sourceLocation: sourceLocation)
    }

    @Test(.timeLimit(.minutes(20)))
    func axeFindsNoWCAGViolationsOnAnyPageInLightOrDarkMode() throws {
        let folder = try TemporaryFolder()
        let result = try Self.runScript("axe_check.py", try Self.writeSites(into: folder))
        Self.expectClean(result, "axe-core")
        #expect(result.output.contains(" 0 violations"), "\(result.output)")
    }

    @Test(.timeLimit(.minutes(10)))
    func nuCheckerFindsNoErrorsOnAnyPage() throws {
        let folder = try TemporaryFolder()
        Self.expectClean(try Self.runScript("validate_html.py", try Self.writeSites(into: folder)), "The Nu HTML Checker")
    }

    /// The checks are not vacuous: a page with known faults fails both.
    @Test(.timeLimit(.minutes(10)))
    func bothCheckersRejectAFaultyPage() throws {
        let folder = try TemporaryFolder()
        let page = """
        <!doctype html><html><head><title>Faulty</title></head>
        <body><img src="x.png"><p><a href="#"></a></p><div><li>not in a list</li></div></body></html>
        """
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("site"), withIntermediateDirectories: true)
        try Data(page.utf8).write(to: folder.url.appendingPathComponent("site/index.html"))
        let site = folder.url.appendingPathComponent("site").path
        let axe = try Self.runScript("axe_check.py", [site])
        #expect(axe.status == 1, "axe should report violations:\n\(axe.output)")
        for rule in ["html-has-lang", "image-alt", "link-name"] { #expect(axe.output.contains(rule), "\(rule) not reported:\n\(axe.output)") }
        let nu = try Self.runScript("validate_html.py", [site])
        #expect(nu.status == 1, "the Nu checker should report errors:\n\(nu.output)")
    }
}
