import CCMark
import CommonMark
import Foundation
import Testing

// `hub render` output matches the `cmark` program over a varied set of documents, in safe
// and unsafe mode, once heading ids are set aside.
//
// Every document in Fixtures/Markdown is rendered by the real `cmark` (Debian package
// `cmark`, built on the same libcmark the project links), by `MarkdownRenderer` in-process
// and by the `hub render` executable. The only differences allowed are the renderer's two
// additions, which are removed before comparing: ` id="…"` in `<h1>`…`<h6>` start tags and
// ` rel="noopener noreferrer"`. Everything else must match byte for byte (compared as
// bytes, not as Swift strings, which would treat canonically equivalent text as equal).

/// Where the tools and documents are, and how to run them.
enum CMarkParity {
    static let fixtureDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Markdown", isDirectory: true)

    /// The Markdown documents, sorted by name.
    static let fixtureNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtureDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }()

    /// Documents on which the renderer is known to differ from cmark, and why. A mismatch on
    /// one of these is recorded as a known issue; when it is fixed, the test fails until the
    /// entry is removed.
    static let knownMismatches: [String: String] = [:]

    static let installHint = "the cmark program is needed to check parity: install it with `apt-get install cmark` (CI installs it)"

    /// The `cmark` program: /usr/bin/cmark, or the first on PATH.
    static let cmark: URL? = {
        var candidates = ["/usr/bin/cmark"]
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        candidates += path.split(separator: ":").map { "\($0)/cmark" }
        candidates += ["/usr/local/bin/cmark", "/opt/homebrew/bin/cmark"]
        return candidates.first(where: isExecutableFile).map { URL(fileURLWithPath: $0) }
    }()

    /// The `hub` executable SwiftPM built next to the test binary (or a level or so up, for
    /// a bundle on macOS).
    static let hub: URL? = {
        var directories: [URL] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            directories.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        directories += Bundle.allBundles.filter { $0.bundleURL.pathExtension == "xctest" }
            .map { $0.bundleURL.deletingLastPathComponent() }
        return directories.map { $0.appendingPathComponent("hub") }.first { isExecutableFile($0.path) }
    }()

    static var hubSearchDescription: String {
        "looked for `hub` in \(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path) and the directories above it; build it with `swift build --build-tests`"
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    static func requireCMark(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(cmark, Comment(rawValue: installHint), sourceLocation: sourceLocation)
    }

    static func requireHub(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(hub, Comment(rawValue: hubSearchDescription), sourceLocation: sourceLocation)
    }

    static func fixture(_ name: String) throws -> (url: URL, data: Data) {
        let url = fixtureDirectory.appendingPathComponent(name)
        return (url, try Data(contentsOf: url))
    }

    // MARK: Running programs

    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: Data
        var errorText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// How standard input reaches the program: redirected from a file, or through a pipe
    /// written after it starts (the two paths `hub render -` must both handle).
    enum Input {
        case file
        case pipe
    }

    /// Runs `executable` with standard output and error going to files (so a large output
    /// cannot block on a full pipe) and `stdin` as standard input.
    static func run(_ executable: URL, _ arguments: [String], stdin: Data = Data(), input: Input = .file) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("cmark-parity-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin")
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try stdin.write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let output = try FileHandle(forWritingTo: outURL)
        let error = try FileHandle(forWritingTo: errURL)
        let pipe = Pipe()
        let inputFile = input == .file ? try FileHandle(forReadingFrom: inURL) : nil
        defer {
            try? inputFile?.close()
            try? output.close()
            try? error.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = inputFile ?? pipe
        process.standardOutput = output
        process.standardError = error
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        try process.run()
        if input == .pipe {
            // The reader runs concurrently, so input larger than the pipe's buffer cannot block.
            pipe.fileHandleForWriting.write(stdin)
            try pipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
                      stderr: try Data(contentsOf: errURL))
    }

    /// `cmark [--unsafe] FILE`, which must succeed.
    static func cmarkHTML(_ file: URL, mode: CMarkRenderMode, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let result = try run(try requireCMark(sourceLocation: sourceLocation), mode.cmarkFlags + [file.path])
        try #require(result.status == 0, "cmark failed: \(result.errorText)", sourceLocation: sourceLocation)
        return Array(result.stdout)
    }

    // MARK: Comparing

    private static let rel = Array(#" rel="noopener noreferrer""#.utf8)
    private static let id = Array(#" id=""#.utf8)

    /// Removes ` id="…"` from `<h1>`…`<h6>` start tags and every ` rel="noopener noreferrer"`.
    static func normalise(_ html: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(html.count)
        var index = 0
        while index < html.count {
            if html[index...].starts(with: rel) {
                index += rel.count
                continue
            }
            if html[index] == UInt8(ascii: "<"), index + 2 < html.count, html[index + 1] == UInt8(ascii: "h"),
               (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(html[index + 2]),
               html[(index + 3)...].starts(with: id),
               let quote = html[(index + 3 + id.count)...].firstIndex(of: UInt8(ascii: "\"")) {
                result.append(contentsOf: html[index..<(index + 3)])
                index = quote + 1
                continue
            }
            result.append(html[index])
            index += 1
        }
        return result
    }

    /// Records an issue naming the first differing line when `actual` and `expected` differ.
    static func expectSame(_ actual: [UInt8], _ expected: [UInt8], _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        guard actual != expected else { return }
        let actualLines = actual.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var line = 0
        while line < min(actualLines.count, expectedLines.count), actualLines[line] == expectedLines[line] {
            line += 1
        }
        func text(_ lines: [ArraySlice<UInt8>]) -> String {
            line < lines.count ? String(decoding: lines[line], as: UTF8.self).debugDescription : "(end of output)"
        }
        Issue.record("""
            \(what) differs from cmark at output line \(line + 1) \
            (\(actual.count) bytes vs cmark's \(expected.count)):
              cmark:    \(text(expectedLines))
              renderer: \(text(actualLines))
            """, sourceLocation: sourceLocation)
    }

    /// `expectSame`, as a known issue for the documents listed in `knownMismatches`.
    static func compare(_ actual: [UInt8], _ expected: [UInt8], fixture: String, _ what: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        if let reason = knownMismatches[fixture] {
            withKnownIssue(Comment(rawValue: reason), sourceLocation: sourceLocation) {
                expectSame(normalise(actual), normalise(expected), what, sourceLocation: sourceLocation)
            }
        } else {
            expectSame(normalise(actual), normalise(expected), what, sourceLocation: sourceLocation)
        }
    }

    /// A temporary file holding `data`, removed by the caller.
    static func temporaryFile(_ data: Data, name: String = "doc.md") throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cmark-parity-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    static func remove(_ temporaryFile: URL) {
        try? FileManager.default.removeItem(at: temporaryFile.deletingLastPathComponent())
    }
}

enum CMarkRenderMode: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case safe, unsafe

    var allowsRawHTML: Bool { self == .unsafe }
    var cmarkFlags: [String] { self == .unsafe ? ["--unsafe"] : [] }
    var hubArguments: [String] { self == .unsafe ? ["render", "--unsafe"] : ["render"] }
    var testDescription: String { rawValue }
}

@Suite("cmark parity")
struct CMarkParityTests {
    // MARK: The tools

    @Test func cmarkProgramIsInstalled() throws {
        let cmark = try CMarkParity.requireCMark()
        let result = try CMarkParity.run(cmark, ["--version"])
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout, as: UTF8.self).hasPrefix("cmark "))
    }

    @Test func cmarkProgramUsesTheLinkedLibraryVersion() throws {
        // CMarkParity only means something when the program and the library are the same cmark.
        let cmark = try CMarkParity.requireCMark()
        let printed = String(decoding: try CMarkParity.run(cmark, ["--version"]).stdout, as: UTF8.self)
        let library = String(cString: cmark_version_string())
        #expect(printed.hasPrefix("cmark \(library) "),
                "cmark program says \(printed.debugDescription), the linked libcmark is \(library)")
    }

    @Test func hubExecutableIsBuilt() throws {
        let hub = try CMarkParity.requireHub()
        let result = try CMarkParity.run(hub, ["render", "--help"])
        #expect(result.status == 0)
    }

    @Test func fixturesCoverAVariedSetOfDocuments() throws {
        #expect(CMarkParity.fixtureNames.count >= 20, "only \(CMarkParity.fixtureNames.count) documents in \(CMarkParity.fixtureDirectory.path)")
        for name in CMarkParity.knownMismatches.keys {
            #expect(CMarkParity.fixtureNames.contains(name), "known mismatch \(name) has no document")
        }
        // The documents really use the constructs the parity claim is about.
        let all = try CMarkParity.fixtureNames.map { String(decoding: try CMarkParity.fixture($0).data, as: UTF8.self) }.joined()
        for construct in ["\n===", "\n---", "```", "~~~", "\n    ", "<div", "<!--", "<?", "<![CDATA[", "<!DOCTYPE",
                          "&#x", "&#", "&copy;", "\\*", "]: ", "\"Title\"", "<https://", "![", "javascript:",
                          "vbscript:", "file:", "data:", "  \n", "\\\n", "\t", "🎉", "***", "7. ", "> >", "\r\n"] {
            #expect(all.contains(construct), "no document contains \(construct.debugDescription)")
        }
    }

    // MARK: Whole documents

    @Test(arguments: CMarkParity.fixtureNames, CMarkRenderMode.allCases)
    func rendererMatchesCMark(fixture: String, mode: CMarkRenderMode) throws {
        let (url, data) = try CMarkParity.fixture(fixture)
        let expected = try CMarkParity.cmarkHTML(url, mode: mode)
        let text = try #require(String(validating: data, as: UTF8.self), "\(fixture) is not UTF-8")
        let html = MarkdownRenderer(allowsRawHTML: mode.allowsRawHTML).render(text).html
        CMarkParity.compare(Array(html.utf8), expected, fixture: fixture, "MarkdownRenderer (\(mode)) on \(fixture)")
    }

    @Test(arguments: CMarkParity.fixtureNames, CMarkRenderMode.allCases)
    func hubRenderMatchesCMark(fixture: String, mode: CMarkRenderMode) throws {
        let (url, _) = try CMarkParity.fixture(fixture)
        let expected = try CMarkParity.cmarkHTML(url, mode: mode)
        let result = try CMarkParity.run(try CMarkParity.requireHub(), mode.hubArguments + [url.path])
        #expect(result.status == 0, "hub render failed: \(result.errorText)")
        #expect(result.stderr.isEmpty, "hub render wrote to stderr: \(result.errorText)")
        CMarkParity.compare(Array(result.stdout), expected, fixture: fixture, "hub \(mode.hubArguments.joined(separator: " ")) \(fixture)")
    }

    @Test func renderingDiffersFromCMarkOnlyByIDsAndRel() throws {
        // The normalisation must not hide anything else: check that it removes exactly the
        // renderer's additions from one document with both.
        let markdown = "# Top\n\n## Top\n\n[x](https://example.com \"T\") [y](/y)\n"
        let url = try CMarkParity.temporaryFile(Data(markdown.utf8))
        defer { CMarkParity.remove(url) }
        let cmark = try CMarkParity.cmarkHTML(url, mode: .safe)
        let ours = MarkdownRenderer().render(markdown).html
        #expect(ours == """
            <h1 id="top">Top</h1>
            <h2 id="top-2">Top</h2>
            <p><a href="https://example.com" title="T" rel="noopener noreferrer">x</a> <a href="/y">y</a></p>

            """)
        #expect(String(decoding: cmark, as: UTF8.self) == """
            <h1>Top</h1>
            <h2>Top</h2>
            <p><a href="https://example.com" title="T">x</a> <a href="/y">y</a></p>

            """)
        #expect(CMarkParity.normalise(Array(ours.utf8)) == cmark)
        #expect(CMarkParity.normalise(cmark) == cmark)
    }

    // MARK: hub render details

    @Test(arguments: CMarkRenderMode.allCases)
    func hubRenderReadsStandardInput(mode: CMarkRenderMode) throws {
        let hub = try CMarkParity.requireHub()
        let cmark = try CMarkParity.requireCMark()
        for fixture in ["07-html-blocks.md", "15-dangerous-urls.md", "18-unicode-and-emoji.md", "21-recovery-article.md"] {
            let (_, data) = try CMarkParity.fixture(fixture)
            let expected = try CMarkParity.run(cmark, mode.cmarkFlags, stdin: data)
            try #require(expected.status == 0)
            let piped = try CMarkParity.run(hub, mode.hubArguments + ["-"], stdin: data, input: .pipe)
            #expect(piped.status == 0, "hub render - failed: \(piped.errorText)")
            CMarkParity.compare(Array(piped.stdout), Array(expected.stdout), fixture: fixture,
                           "hub \(mode.hubArguments.joined(separator: " ")) - < \(fixture) (pipe)")
            let redirected = try CMarkParity.run(hub, mode.hubArguments + ["-"], stdin: data)
            #expect(redirected.status == 0, "hub render - failed: \(redirected.errorText)")
            #expect(redirected.stdout == piped.stdout)
        }
    }

    @Test func hubRenderReadsLargeStandardInput() throws {
        // More than a pipe buffer's worth in both directions.
        let hub = try CMarkParity.requireHub()
        let cmark = try CMarkParity.requireCMark()
        let (_, article) = try CMarkParity.fixture("21-recovery-article.md")
        var data = Data()
        for _ in 0..<200 { data.append(article); data.append(Data("\n".utf8)) }
        let expected = try CMarkParity.run(cmark, [], stdin: data)
        let piped = try CMarkParity.run(hub, ["render", "-"], stdin: data, input: .pipe)
        #expect(piped.status == 0)
        CMarkParity.expectSame(CMarkParity.normalise(Array(piped.stdout)), CMarkParity.normalise(Array(expected.stdout)), "hub render - (large)")
    }

    @Test(arguments: [
        ("---\ntitle: Anxiety\nsummary: \"# not a heading\"\n---\n", "# Body\n\nText with [a link](https://example.org).\n"),
        ("---\ntitle: Dots\n...\n", "Body after a YAML document end marker.\n"),
        ("---\r\ntitle: CRLF\r\n---\r\n", "# CRLF body\r\n\r\ntext\r\n"),
        ("---\n---\n", "Empty front matter.\n"),
        ("---\ntitle: Only front matter\n---\n", ""),
    ])
    func hubRenderSkipsFrontMatter(frontMatter: String, body: String) throws {
        let hub = try CMarkParity.requireHub()
        let bodyFile = try CMarkParity.temporaryFile(Data(body.utf8))
        defer { CMarkParity.remove(bodyFile) }
        let fullFile = try CMarkParity.temporaryFile(Data((frontMatter + body).utf8))
        defer { CMarkParity.remove(fullFile) }
        for mode in CMarkRenderMode.allCases {
            let expected = try CMarkParity.cmarkHTML(bodyFile, mode: mode)
            let fromFile = try CMarkParity.run(hub, mode.hubArguments + [fullFile.path])
            #expect(fromFile.status == 0, "\(fromFile.errorText)")
            let fromStdin = try CMarkParity.run(hub, mode.hubArguments + ["-"], stdin: Data((frontMatter + body).utf8))
            #expect(fromStdin.stdout == fromFile.stdout, "front matter on standard input")
            CMarkParity.expectSame(CMarkParity.normalise(Array(fromFile.stdout)), expected, "hub render of a file with front matter")
            let output = String(decoding: fromFile.stdout, as: UTF8.self)
            #expect(!output.contains("title") && !output.contains("<hr />"), "front matter leaked: \(output)")
        }
    }

    @Test func hubRenderKeepsALeadingThematicBreakWithoutClosingLine() throws {
        // No closing `---`: not front matter, so the whole text renders, as cmark renders it.
        let hub = try CMarkParity.requireHub()
        let url = try CMarkParity.temporaryFile(Data("---\n\nA paragraph after a thematic break.\n".utf8))
        defer { CMarkParity.remove(url) }
        let expected = try CMarkParity.cmarkHTML(url, mode: .safe)
        #expect(String(decoding: expected, as: UTF8.self).hasPrefix("<hr />"))
        let result = try CMarkParity.run(hub, ["render", url.path])
        CMarkParity.expectSame(CMarkParity.normalise(Array(result.stdout)), expected, "hub render without front matter")
    }

    @Test func hubRenderRejectsUnreadableOrInvalidInput() throws {
        let hub = try CMarkParity.requireHub()
        let url = try CMarkParity.temporaryFile(Data([0x61, 0xFF, 0x62, 0x0A]))
        defer { CMarkParity.remove(url) }
        let invalid = try CMarkParity.run(hub, ["render", url.path])
        #expect(invalid.status != 0)
        #expect(invalid.stdout.isEmpty)
        // Located as the build locates it: the bad byte's line and column.
        #expect(invalid.errorText.contains("\(url.path):1:2: error: file is not valid UTF-8 (byte 0xFF)"), "\(invalid.errorText)")

        let piped = try CMarkParity.run(hub, ["render", "-"], stdin: Data([0x61, 0x0A, 0xFF]), input: .pipe)
        #expect(piped.status != 0)
        #expect(piped.errorText.contains("<stdin>:2:1: error: file is not valid UTF-8"), "\(piped.errorText)")

        let missingPath = url.deletingLastPathComponent().appendingPathComponent("missing.md").path
        let missing = try CMarkParity.run(hub, ["render", missingPath])
        #expect(missing.status != 0)
        #expect(missing.errorText.contains("\(missingPath): error: cannot read this file (No such file or directory)"), "\(missing.errorText)")

        let folder = try CMarkParity.run(hub, ["render", url.deletingLastPathComponent().path])
        #expect(folder.status != 0)
        #expect(folder.errorText.contains("cannot read this file (Is a directory)"), "\(folder.errorText)")
    }
}
