import Foundation
import Testing

@Suite("hub build on disk")
struct BuildCommandTests {
    let site = SiteFixture.minimal
        .with(SiteFixture.article("first"))
        .with(SiteFixture.article("second"))

    @Test func buildsIntoPublicAndReportsCounts() throws {
        let folder = try TemporaryFolder()
        try folder.write(site)
        let result = try HubProcess.run(["build", "--root", folder.url.path, "--today", "2026-11-26"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Built 2 articles, 0 pages, 2 topics, "))
        let files = folder.snapshot("Public")
        #expect(files["first/index.html"] != nil)
        #expect(files["index.html"] != nil)
    }

    @Test func aFailedBuildLeavesPublicByteForByteAsItWas() throws {
        let folder = try TemporaryFolder()
        try folder.write(site)
        #expect(try HubProcess.run(["build", "--root", folder.url.path, "--today", "2026-11-26"]).status == 0)
        let before = folder.snapshot("Public")
        try folder.write(SiteFixture(SiteFixture.article("second", published: "2026-13-45")))
        let failed = try HubProcess.run(["build", "--root", folder.url.path, "--today", "2026-11-26"])
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("Content/articles/second.md:5:12: error: 'published' is not a real date: '2026-13-45'"))
        #expect(failed.standardError.contains("Build failed: 1 error. Public/ was not changed."))
        #expect(folder.snapshot("Public") == before)
    }

    @Test func filesThatNoLongerBelongAreGone() throws {
        let folder = try TemporaryFolder()
        try folder.write(site)
        #expect(try HubProcess.run(["build", "--root", folder.url.path, "--today", "2026-11-26"]).status == 0)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/articles/second.md"))
        for _ in 0..<2 { // the second build reuses the spare folder that held the first
            #expect(try HubProcess.run(["build", "--root", folder.url.path, "--today", "2026-11-26"]).status == 0)
            let files = folder.snapshot("Public")
            #expect(files["second/index.html"] == nil)
            #expect(files["first/index.html"] != nil)
        }
    }

    /// A rebuild keeps what did not change, recording what made each file beside Public/;
    /// `--no-cache` makes everything again. The site is the same either way.
    @Test func rebuildsKeepTheSameSiteWithOrWithoutTheCache() throws {
        let folder = try TemporaryFolder()
        try folder.write(site)
        let build = { (extra: [String]) in try HubProcess.run(["build", "--root", folder.url.path, "--today", "2026-11-26"] + extra) }
        #expect(try build([]).status == 0)
        let first = folder.snapshot("Public")
        for extra in [[], [], ["--no-cache"], []] {
            #expect(try build(extra).status == 0)
            #expect(folder.snapshot("Public") == first, "\(extra)")
        }
        for name in [".Public.cache", ".Public.manifest", ".Public.spare.manifest"] {
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(name).path), "\(name)")
        }
        #expect(try HubProcess.run(["build", "--help"]).standardOutput.contains("--no-cache"))
    }

    @Test func refusesToReplaceTheSiteItself() throws {
        let folder = try TemporaryFolder()
        try folder.write(site)
        let result = try HubProcess.run(["build", "--root", folder.url.path, "--output", folder.url.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("refusing to build into"))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Content/site.yml").path))
    }

    /// Public/ as a symbolic link to a web server's folder: every build updates that folder
    /// and the link stays a link (the first build used to replace the link with a folder and
    /// leave the web server's folder as it was).
    @Test func aLinkedPublicFolderIsBuiltWhereItPoints() throws {
        let folder = try TemporaryFolder()
        try folder.write(site)
        let web = folder.url.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: web, withIntermediateDirectories: true)
        let link = folder.url.appendingPathComponent("Public")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: web)
        for round in 1...3 {
            let result = try HubProcess.run(["build", "--root", folder.url.path, "--today", "2026-11-26"])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == web.path, "round \(round)")
            #expect(folder.snapshot("www")["first/index.html"] != nil, "round \(round)")
        }
    }

    /// Run in a folder that is not a site, the build says so and how to point it at one.
    @Test func aFolderWithoutSiteYmlIsNotASite() throws {
        let folder = try TemporaryFolder()
        let result = try HubProcess.run(["build", "--root", folder.url.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("Content/site.yml: error: Content/site.yml is missing, so this is not a site's folder"))
        #expect(result.standardError.contains("note: run hub in the folder that holds Content/ and Templates/, or give it with --root"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Public").path))
    }

    /// Bad option values are usage errors (status 64) before anything is read or written.
    /// `hub check` reads the same site options as `hub build` and refuses the same values:
    /// it once took `--base-url foo` and reported every external link as missing. `hub serve`
    /// shares the root and date rules (it once served a folder that did not exist).
    @Test func badOptionsAreUsageErrorsInEveryCommand() throws {
        let siteCommands = ["build", "check"], everyCommand = ["build", "check", "serve"]
        let cases: [(arguments: [String], commands: [String], message: String)] = [
            (["--base-url", "foo"], siteCommands, "--base-url must be an absolute URL like https://example.org/hub/, not 'foo'"),
            (["--base-url", "https://exa mple.org/"], siteCommands,
             "--base-url must be an absolute URL like https://example.org/hub/, not 'https://exa mple.org/'"),
            (["--jobs", "0"], siteCommands, "--jobs must be at least 1"),
            (["--today", "2026-02-30"], everyCommand, "--today must be a real date like 2026-03-03, not '2026-02-30'"),
            (["--root", "/no/such/site"], everyCommand, "--root '/no/such/site' is not a folder"),
        ]
        for (arguments, commands, message) in cases {
            for command in commands {
                let result = try HubProcess.run([command] + arguments)
                #expect(result.status == 64, "\(command) \(arguments)")
                #expect(result.standardError.contains(message), "\(command) \(arguments): \(result.standardError)")
            }
        }
    }

    @Test func versionAndHelp() throws {
        #expect(try HubProcess.run(["--version"]).standardOutput == "0.1.0\n")
        let help = try HubProcess.run(["build", "--help"]).standardOutput
        for option in ["--root", "--output", "--base-url", "--drafts", "--future", "--strict", "--today", "--jobs", "--quiet"] {
            #expect(help.contains(option), "build --help lacks \(option)")
        }
    }
}
