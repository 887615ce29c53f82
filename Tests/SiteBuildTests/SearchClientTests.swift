import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SearchIndex
import SiteBuild
import SiteModel
import Testing

/// The JavaScript client, run for real: under node against a fixture index, and in
/// headless Chromium over HTTP and from file://. These fail (never skip) without node,
/// chromium or python3; `.ci/run` installs them.
@Suite("Search client", .serialized)
struct SearchClientTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = here.deletingLastPathComponent().deletingLastPathComponent()
    static let scripts = here.appendingPathComponent("Fixtures/Search")

    /// The client as shipped in the package.
    static var clientPath: String { repository.appendingPathComponent("Sources/SearchIndex/Resources/hub-search.js").path }

    /// Runs node; fails the test with its output when it exits non-zero.
    private func node(_ arguments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let result = try CMarkParity.run(try ExternalTool.node(sourceLocation: sourceLocation), arguments)
        let output = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.status == 0, "node \(arguments.first ?? ""): \(output)\n\(result.errorText)", sourceLocation: sourceLocation)
        return output
    }

    // MARK: Parity

    @Test func javaScriptAnalyzerGivesTheSameTokensAsSwift() throws {
        var texts: [String] = []
        let list = try String(contentsOf: Self.scripts.appendingPathComponent("porter2-snowball.txt"), encoding: .utf8)
        texts += list.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: " ").first.map(String.init) }
        // The hub's own text, every line of it.
        for folder in ["Content/articles", "Content/pages", "Content/data"] {
            let url = Self.repository.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() {
                texts += try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
            }
        }
        texts += ["Café DÉJÀ-vu naïve", "Straße Ærø ﬁle ½", "don't it’s", "İstanbul ΣΊΣΥΦΟΣ", "self-harm—and…", "日本語のテキスト",
                  "behaviours organisations counsellors traumatised centres", "paediatric anaemia programme judgement",
                  "medications mindfully anxiously therapists", String(repeating: "x", count: 60), "🙂 emoji‍zwj", "a\u{0}b"]
        let folder = try TemporaryFolder()
        let input = folder.url.appendingPathComponent("texts.json")
        try JSONEncoder().encode(texts).write(to: input)
        let output = try node([Self.scripts.appendingPathComponent("parity.mjs").path, Self.clientPath, input.path])
        struct Tokens: Decodable { let words: [String]; let terms: [String] }
        let js = try JSONDecoder().decode([Tokens].self, from: Data(output.utf8))
        try #require(js.count == texts.count)
        var analyzer = Analyzer()
        var mismatches: [String] = []
        for (text, tokens) in zip(texts, js) {
            let words = TextFolding.words(text), terms = analyzer.terms(text)
            if words != tokens.words || terms != tokens.terms {
                mismatches.append("\(text.prefix(60)): Swift \(words) \(terms), JS \(tokens.words) \(tokens.terms)")
            }
        }
        #expect(texts.count > 2_500)
        #expect(mismatches.isEmpty, "\(mismatches.count) texts differ: \(mismatches.prefix(10))")
    }

    // MARK: Queries

    @Test func queriesOnTheFixtureIndex() throws {
        let folder = try TemporaryFolder()
        try SearchFixture.writeIndex(to: folder.url)
        let output = try node([Self.scripts.appendingPathComponent("queries.mjs").path, Self.clientPath,
                               folder.url.appendingPathComponent("search").path])
        #expect(output.contains("\"failures\":[]"), "\(output)")
    }

    // MARK: A real browser

    @Test func searchPageWorksInChromiumOverHTTPAndFromFile() throws {
        let chromium = try ExternalTool.chromium()
        let python = try ExternalTool.python()
        let folder = try TemporaryFolder()
        let site = folder.url.appendingPathComponent("Public")
        let build = try HubProcess.run(["build", "--root", Self.repository.path, "--output", site.path, "--today", "2026-11-26", "--quiet"])
        try #require(build.status == 0, "\(build.standardError)")

        // From disk: the classic script and <script>-loaded shards.
        let fileURL = site.appendingPathComponent("search/index.html").absoluteString + "?q=peer%20suport"
        let fromDisk = try dumpDOM(chromium, fileURL, profile: folder.url.appendingPathComponent("profile-file"))
        #expect(fromDisk.contains("class=\"search-result\""), "no results from file://: \(fromDisk.suffix(2_000))")
        #expect(fromDisk.contains("href=\"../peer-support/index.html\""), "peer support not found from file://")

        // Over HTTP on 127.0.0.1: the ES module and fetch.
        let port = 18_000 + Int.random(in: 0..<2_000)
        let server = Process()
        server.executableURL = python
        server.arguments = ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: the server inherits this process's ignored SIGTERM and would outlive it.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        try waitForServer(python, port: port)
        let overHTTP = try dumpDOM(chromium, "http://127.0.0.1:\(port)/search/?q=peer%20support",
                                   profile: folder.url.appendingPathComponent("profile-http"))
        #expect(overHTTP.contains("href=\"../peer-support/\""), "peer support not found over HTTP: \(overHTTP.suffix(2_000))")
        #expect(overHTTP.contains("results for “peer support”"))

        // A crisis query moves the urgent-help box above the results.
        let crisis = try dumpDOM(chromium, "http://127.0.0.1:\(port)/search/?q=suicidal",
                                 profile: folder.url.appendingPathComponent("profile-crisis"))
        let pin = try #require(crisis.range(of: "data-crisis=\"\">"), "no pinned box: \(crisis.suffix(2_000))")
        #expect(crisis[pin.upperBound...].hasPrefix("<section id=\"urgent-help\""))
    }

    private func dumpDOM(_ chromium: URL, _ url: String, profile: URL) throws -> String {
        let result = try CMarkParity.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                                     "--user-data-dir=\(profile.path)", "--virtual-time-budget=10000",
                                                     "--dump-dom", url])
        return String(decoding: result.stdout, as: UTF8.self)
    }

    /// Asks with python's urllib, which has a timeout (Foundation's blocking URL reads on
    /// Linux can wait forever).
    private func waitForServer(_ python: URL, port: Int) throws {
        let probe = "import urllib.request; urllib.request.urlopen('http://127.0.0.1:\(port)/search/manifest.js', timeout=2)"
        for _ in 0..<50 {
            if try CMarkParity.run(python, ["-c", probe]).status == 0 { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("the test HTTP server did not start on port \(port)")
    }
}

/// A small site written for the query tests: one article per idea the tests look for,
/// with the hub's own synonyms.yml.
enum SearchFixture {
    static func writeIndex(to folder: URL) throws {
        let synonyms = try String(contentsOf: SearchClientTests.repository.appendingPathComponent("Content/data/synonyms.yml"), encoding: .utf8)
        var site = SiteFixture.minimal.with("-- Content/data/synonyms.yml --\n" + synonyms)
        for (slug, title, topics, body) in articles {
            site = site.with(SiteFixture.article(slug, title: title, topics: topics, body: body))
        }
        let output = try site.build { $0.today = Day(iso: "2026-11-26")! }
        for (path, data) in output.files where path.hasPrefix("search/") {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
    }

    static let articles: [(String, String, String, String)] = [
        ("understanding-anxiety", "Understanding anxiety", "[recovery]",
         "## What anxiety feels like\n\nAnxiety is a feeling of unease, like worry or fear. Panic attacks are sudden and intense. Generalised anxiety disorder means feeling anxious most days."),
        ("coping-with-depression", "Coping with depression", "[recovery]",
         "## Low mood\n\nDepression is more than low mood. Feeling down for weeks can be a sign. Talking helps, and so does routine."),
        ("sleep-and-mental-health", "Sleep and mental health", "[recovery]",
         "## Sleep problems\n\nInsomnia means trouble falling or staying asleep. Poor sleep affects mood, and a regular bedtime helps."),
        ("cognitive-behavioural-therapy", "Cognitive behavioural therapy", "[recovery]",
         "## How it works\n\nThis talking treatment looks at how thoughts, feelings and behaviour affect each other. Sessions are weekly."),
        ("obsessive-compulsive-disorder", "Obsessive compulsive disorder", "[recovery]",
         "## Obsessions and compulsions\n\nUnwanted thoughts and repeated actions take up time and cause distress."),
        ("finding-a-counsellor", "Finding a counsellor", "[recovery]",
         "## Counselling\n\nA counsellor listens and helps you find your own answers. Ask your GP about local services."),
        ("personal-independence-payment", "Personal independence payment", "[work]",
         "## Welfare support\n\nThis welfare payment helps with extra costs of a long-term condition. Independence matters."),
        ("peer-support-workers", "Working with others who have been there", "[work]",
         "## Peer supporters\n\nA peer supporter has lived experience and offers support at work and in services."),
        ("medication-and-side-effects", "Medication and side effects", "[recovery]",
         "## Side effects\n\nEvery medication can have side effects. Tell your pharmacist if tablets make you feel unwell."),
        ("medical-records", "Your medical records", "[recovery]",
         "## Seeing your records\n\nYou can ask to see the medical notes your surgery keeps about you."),
        ("mindfulness", "Mindfulness", "[recovery]",
         "## Paying attention\n\nMindfulness means noticing the present moment. It can help with low mood and stress."),
        ("mind-and-body", "Mind and body", "[recovery]",
         "## Connections\n\nYour mind and body affect each other: exercise can lift your mind."),
    ]
}
