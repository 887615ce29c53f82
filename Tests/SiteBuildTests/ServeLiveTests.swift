import Foundation
import SiteModel
import Testing

/// `hub serve` for real: the built executable on 127.0.0.1 with a port the system picks,
/// editing files on disk as an editor would.
@Suite("hub serve (live)", .serialized)
struct ServeLiveTests {
    /// A running `hub serve`, stopped with SIGINT when the test ends.
    final class Server {
        let process = Process()
        let output = Pipe()
        let errors = Pipe()
        let port: Int
        private let errorText = LockedText()

        init(root: URL, extra: [String] = []) throws {
            process.executableURL = try CMarkParity.requireHub()
            process.arguments = ["serve", "--root", root.path, "--port", "0", "--today", "2026-11-26"] + extra
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let errorText = self.errorText
            errors.fileHandleForReading.readabilityHandler = { errorText.append(String(decoding: $0.availableData, as: UTF8.self)) }
            // "Serving … at http://127.0.0.1:PORT/"
            var seen = ""
            let deadline = Date().addingTimeInterval(60)
            var found: Int?
            while found == nil, Date() < deadline {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
                if let range = seen.range(of: "http://127.0.0.1:") {
                    found = Int(seen[range.upperBound...].prefix { $0.isNumber })
                }
            }
            guard let found else {
                process.terminate()
                throw HTTPProbe.Failure(description: "hub serve did not print its URL; output: \(seen) \(errorText.text)")
            }
            port = found
        }

        var standardError: String { errorText.text }

        /// Whether standard error comes to hold `text` within `seconds`: it is read on
        /// another thread, which a loaded machine may run after the page request returns.
        func standardError(contains text: String, within seconds: TimeInterval = 10) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while !standardError.contains(text), Date() < deadline { usleep(20_000) }
            return standardError.contains(text)
        }

        /// SIGINT, as Ctrl-C sends; the exit status.
        func stop() -> Int32 {
            output.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
            process.interrupt()
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate(); return -1 }
            return process.terminationStatus
        }
    }

    final class LockedText: @unchecked Sendable {
        private var value = ""
        private let lock = NSLock()
        func append(_ text: String) { lock.withLock { value += text } }
        var text: String { lock.withLock { value } }
    }

    static let site = SiteFixture.minimal
        .with(SiteFixture.article("alpha", body: "Alpha first version."))
        .with(SiteFixture.article("bravo", body: "Bravo text."))
        .with(SiteFixture.article("draft-one", extra: "draft: true", body: "Not yet published."))

    static func write(_ text: String, to path: String, in folder: TemporaryFolder) throws {
        // As editors do: write a temp file, then rename it over the original.
        let target = folder.url.appendingPathComponent(path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp")
        try Data(text.utf8).write(to: temporary)
        _ = rename(temporary.path, target.path)
    }

    @Test func editBreakAndFixWhileServing() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.site)
        let server = try Server(root: folder.url)
        defer { _ = server.stop() }

        let first = try HTTPProbe.get(port: server.port, "/alpha/")
        #expect(first.status == 200)
        #expect(first.body.contains("Alpha first version."))
        #expect(first.body.contains("<script src=\"/_hub/live-reload.js\" defer></script>"))
        // Drafts are previewed by default.
        #expect(try HTTPProbe.get(port: server.port, "/draft-one/").status == 200)

        // 1. Edit: a reload event arrives and the new content is served.
        let events = try HTTPProbe.events(port: server.port)
        _ = try events.waitFor(event: "hello")
        let alpha = Self.site.files["Content/articles/alpha.md"]!
        try Self.write(alpha.replacingOccurrences(of: "Alpha first version.", with: "Alpha second version."),
                       to: "Content/articles/alpha.md", in: folder)
        _ = try events.waitFor(event: "reload")
        let edited = try HTTPProbe.get(port: server.port, "/alpha/")
        #expect(edited.body.contains("Alpha second version."))
        #expect(!edited.body.contains("hub-overlay"))

        // 2. Break the front matter: the overlay appears over the last good page.
        try Self.write(alpha.replacingOccurrences(of: "published: 2026-01-10", with: "published: 2026-02-30"),
                       to: "Content/articles/alpha.md", in: folder)
        _ = try events.waitFor(event: "reload")
        let broken = try HTTPProbe.get(port: server.port, "/alpha/")
        #expect(broken.status == 200)
        #expect(broken.body.contains("role=\"alert\""))
        #expect(broken.body.contains("Content/articles/alpha.md:5:"), "\(broken.body.prefix(1500))")
        #expect(broken.body.contains("published: 2026-02-30"))
        #expect(broken.body.contains("Alpha second version."), "the last good page is still served")
        #expect(try HTTPProbe.get(port: server.port, "/bravo/").body.contains("role=\"alert\""), "every page shows it")
        #expect(server.standardError(contains: "Content/articles/alpha.md:5:"), "the terminal prints the same: \(server.standardError)")

        // 3. Fix it: the overlay is gone.
        try Self.write(alpha.replacingOccurrences(of: "Alpha first version.", with: "Alpha fixed."),
                       to: "Content/articles/alpha.md", in: folder)
        _ = try events.waitFor(event: "reload")
        let fixed = try HTTPProbe.get(port: server.port, "/alpha/")
        #expect(fixed.body.contains("Alpha fixed."))
        #expect(!fixed.body.contains("hub-overlay"))

        // Ctrl-C stops it cleanly, even with the event stream still open.
        #expect(server.stop() == 0)
    }

    @Test func asPublicLeavesDraftsOut() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.site)
        let server = try Server(root: folder.url, extra: ["--as-public"])
        defer { _ = server.stop() }
        let draft = try HTTPProbe.get(port: server.port, "/draft-one/")
        #expect(draft.status == 404)
        #expect(try HTTPProbe.get(port: server.port, "/alpha/").status == 200)
    }

    @Test func aNonLoopbackHostIsWarnedAbout() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.site)
        let process = Process()
        process.executableURL = try CMarkParity.requireHub()
        process.arguments = ["serve", "--root", folder.url.path, "--host", "0.0.0.0", "--port", "0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        usleep(300_000)
        process.interrupt()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("warning: listening on 0.0.0.0"))
    }

    /// A port already taken is said plainly, before the first build, and `hub serve` exits
    /// (it used to build, then hang with the server library's bind error until Ctrl-C).
    /// Its Ctrl-C leaves no error from the server library behind.
    @Test func aPortInUseIsSaidAtOnce() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.site)
        let first = try Server(root: folder.url)
        let second = try HubProcess.run(["serve", "--root", folder.url.path, "--port", String(first.port)])
        #expect(second.status == 1)
        #expect(second.standardError.contains("error: port \(first.port) on 127.0.0.1 is already in use"), "\(second.standardError)")
        #expect(second.standardError.contains("note: choose another with --port, or --port 0 for any free one"))
        #expect(!second.standardOutput.contains("Built"), "it stopped before building")
        #expect(try HTTPProbe.get(port: first.port, "/alpha/").status == 200)
        #expect(first.stop() == 0)
        #expect(!first.standardError.contains("CancellationError"), "\(first.standardError)")
    }

    /// `hub serve | head -3`: once the reader has gone, what the preview prints is dropped
    /// and it goes on serving (writing to the closed pipe used to stop it with a crash).
    @Test func aClosedOutputDoesNotStopThePreview() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.site)
        let server = try Server(root: folder.url)
        try server.output.fileHandleForReading.close()
        let edited = SiteFixture(SiteFixture.article("alpha", body: "Alpha second version.")).files["Content/articles/alpha.md"] ?? ""
        try Self.write(edited, to: "Content/articles/alpha.md", in: folder)
        let deadline = Date().addingTimeInterval(20)
        var page = ""
        while !page.contains("Alpha second version."), Date() < deadline {
            usleep(100_000)
            page = try HTTPProbe.get(port: server.port, "/alpha/").body
        }
        #expect(page.contains("Alpha second version."), "the rebuild after the edit was not served")
        #expect(server.process.isRunning)
        server.process.interrupt()
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit)
        #expect(!server.standardError.contains("crashed"), "\(server.standardError)")
    }
}

@Suite("hub new article")
struct NewArticleTests {
    @Test func writesAValidArticleAndRefusesToOverwrite() throws {
        let folder = try TemporaryFolder()
        try folder.write(SiteFixture.minimal)
        let created = try HubProcess.run(["new", "article", "Peer Support: Where to Start", "--topic", "recovery",
                                          "--root", folder.url.path, "--today", "2026-11-26"])
        #expect(created.status == 0, "\(created.standardError)")
        #expect(created.standardOutput == "Created Content/articles/peer-support-where-to-start.md\n")
        let text = try String(contentsOf: folder.url.appendingPathComponent("Content/articles/peer-support-where-to-start.md"), encoding: .utf8)
        #expect(text.contains("title: \"Peer Support: Where to Start\""))
        #expect(text.contains("published: 2026-11-26"))
        #expect(text.contains("last_reviewed: 2026-11-26"))
        #expect(text.contains("next_review: 2029-11-26"))
        #expect(text.contains("authors:"))
        #expect(text.contains("sources:"))
        // It builds (as a draft, it needs --drafts to appear).
        let build = try HubProcess.run(["build", "--root", folder.url.path, "--drafts", "--today", "2026-11-26", "--quiet"])
        #expect(build.status == 0, "\(build.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Public/peer-support-where-to-start/index.html").path))

        let again = try HubProcess.run(["new", "article", "Peer Support: Where to Start", "--topic", "recovery",
                                        "--root", folder.url.path])
        #expect(again.status != 0)
        #expect(again.standardError.contains("already exists; not overwriting it"))
    }

    @Test func refusesAnUndeclaredTopic() throws {
        let folder = try TemporaryFolder()
        try folder.write(SiteFixture.minimal)
        let result = try HubProcess.run(["new", "article", "Title", "--topic", "recovry", "--root", folder.url.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("topic 'recovry' is not declared"))
        #expect(result.standardError.contains("did you mean 'recovery'?"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Content/articles/title.md").path))
    }

    /// Run from a folder that is not a site (no Content/site.yml), it writes nothing: it used
    /// to create Content/articles/ there with topics nobody had declared.
    @Test func refusesAFolderThatIsNotASite() throws {
        let folder = try TemporaryFolder()
        let result = try HubProcess.run(["new", "article", "Title", "--topic", "recovery", "--root", folder.url.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("Content/site.yml: error: Content/site.yml is missing, so this is not a site's folder"))
        #expect(result.standardError.contains("give it with --root"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Content").path))

        // Latin-1, not UTF-8: the error is the build's own, at the byte.
        let config = folder.url.appendingPathComponent("Content/site.yml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("title: Caf".utf8 + [0xE9]).write(to: config)
        let notText = try HubProcess.run(["new", "article", "Title", "--topic", "recovery", "--root", folder.url.path])
        #expect(notText.status == 1)
        #expect(notText.standardError.contains("Content/site.yml:1:11: error: file is not valid UTF-8 (byte 0xE9)"), "\(notText.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Content/articles").path))
    }
}
