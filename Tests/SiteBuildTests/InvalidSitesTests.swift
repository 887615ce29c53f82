import Foundation
import SiteBuild
import SiteModel
import Testing

/// Every class of error an editor or designer can make, each as a small site on disk with the
/// exact diagnostics the build must print (`Fixtures/InvalidSites/<case>/expected.txt`).
///
/// `Fixtures/InvalidSites/_base/` is one complete valid site. A case folder holds only what
/// differs from it: files at the same relative path replace or add to `_base`'s,
/// `remove.txt` lists `_base` paths to delete (one per line), `options.txt` sets build options
/// (`strict`, `drafts`, `future`, `today=2029-01-01`, `base-url=https://…/`, one per line) and
/// `expected.txt` is what `DiagnosticPrinter` prints, without colours.
///
/// A case with a `pending.txt` documents a known bug (a crash, or a build that succeeds when
/// it must fail): it is listed, and skipped, by `pendingCasesStayVisible` until the bug is
/// fixed. Then delete `pending.txt` and record its expected.txt.
///
/// Re-record with `RECORD_SNAPSHOTS=1 swift test --filter InvalidSites`, then read every
/// changed expected.txt: a recording run always fails, so it is never green by accident.
@Suite("Invalid sites")
struct InvalidSitesTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/InvalidSites", isDirectory: true)
    static let base = fixtures.appendingPathComponent("_base", isDirectory: true)
    /// Files in a case folder that describe the case rather than overlay the site.
    static let controlFiles: Set<String> = ["expected.txt", "remove.txt", "options.txt", "pending.txt"]
    static let today = Day(iso: "2026-11-26")!

    /// The cases that run: every case folder without a `pending.txt`.
    static let cases = allCases.filter { !isPending($0) }
    /// Cases for known bugs that would crash the test process or cannot fail yet.
    static let pendingCases = allCases.filter(isPending)

    static func isPending(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: fixtures.appendingPathComponent(name).appendingPathComponent("pending.txt").path)
    }

    /// Every case folder: everything in `InvalidSites/` except `_base` and hidden files.
    static let allCases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix("_") && !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: fixtures.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }()

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    @Test func theBaseSiteBuildsWithoutErrorsOrWarnings() throws {
        let site = try Self.materialise(nil)
        defer { try? FileManager.default.removeItem(at: site) }
        let files = SiteFiles.read(root: site)
        #expect(files.unreadable.isEmpty)
        let output = MemoryOutput()
        let report = try SiteBuilder(options: BuildOptions(today: Self.today)).build(files, into: output)
        #expect(report.warnings.isEmpty, "\(DiagnosticPrinter().format(report.warnings))")
        #expect(report.articles == 1)
        #expect(output.files["peer-support/index.html"] != nil)
        #expect(output.files["topics/recovery/index.html"] != nil)
    }

    @Test func everyCaseFolderHasAnExpectationAndOnlyKnownControlFiles() throws {
        #expect(Self.cases.count >= 35, "found only \(Self.cases) in \(Self.fixtures.path)")
        for name in Self.allCases {
            let folder = Self.fixtures.appendingPathComponent(name)
            #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "case names are kebab-case: \(name)")
            if !Self.isRecording, !Self.isPending(name) {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected.txt").path),
                        "\(name) has no expected.txt; record it with RECORD_SNAPSHOTS=1")
            }
            let top = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            for entry in top where !Self.controlFiles.contains(entry) {
                #expect(entry == "Content" || entry == "Templates", "\(name)/\(entry) is neither a control file nor site content")
            }
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: cases)
    func reportsExactDiagnostics(_ name: String) throws {
        let folder = Self.fixtures.appendingPathComponent(name, isDirectory: true)
        let options = try Self.options(folder)
        let site = try Self.materialise(folder)
        defer { try? FileManager.default.removeItem(at: site) }

        let failure: BuildFailure
        do {
            let report = try SiteBuilder(options: options).build(SiteFiles.read(root: site), into: MemoryOutput())
            Issue.record("\(name): the build succeeded but must fail (warnings: \(report.warnings.count))")
            return
        } catch let error as BuildFailure {
            failure = error
        }
        let actual = DiagnosticPrinter().format(failure.diagnostics)
        if options.strict {
            #expect(failure.diagnostics.contains { $0.severity == .warning || $0.severity == .error },
                    "\(name): a strict build must fail for a warning or an error")
            // The same site without --strict builds, with the same problems as warnings.
            var lenient = options
            lenient.strict = false
            let report = try SiteBuilder(options: lenient).build(SiteFiles.read(root: site), into: MemoryOutput())
            #expect(DiagnosticPrinter().format(report.warnings) == actual,
                    "\(name): without --strict the build must succeed with these warnings")
        } else {
            #expect(failure.diagnostics.contains { $0.severity == .error }, "\(name): failed without an error diagnostic")
        }

        let expectedURL = folder.appendingPathComponent("expected.txt")
        if Self.isRecording {
            try Data(actual.utf8).write(to: expectedURL)
            Issue.record("\(name): recorded expected.txt (RECORD_SNAPSHOTS=1); read it, then run again without it")
            return
        }
        guard let expectedData = FileManager.default.contents(atPath: expectedURL.path) else {
            Issue.record("\(name): no expected.txt; record it with RECORD_SNAPSHOTS=1\nactual:\n\(actual)")
            return
        }
        let expected = String(decoding: expectedData, as: UTF8.self)
        if actual != expected {
            Issue.record("""
            \(name): diagnostics differ from expected.txt (- expected, + actual):
            \(Self.lineDiff(expected: expected, actual: actual))
            """)
        }
    }

    /// Shown as skipped, with the case names, so a known bug is never silently forgotten.
    /// Each pending.txt says what is wrong; one of them (template-recursion) crashes the test process today.
    @Test(.disabled("known bugs: see pending.txt in each case folder"), arguments: pendingCases)
    func pendingCasesStayVisible(_ name: String) throws {
        try reportsExactDiagnostics(name)
    }

    // MARK: Materialising a case

    /// A fresh temporary copy of `_base` with `folder`'s overlay and removals applied
    /// (just `_base` when `folder` is nil).
    static func materialise(_ folder: URL?) throws -> URL {
        let manager = FileManager.default
        let root = manager.temporaryDirectory
            .appendingPathComponent("invalid-site-\(folder?.lastPathComponent ?? "_base")-\(UUID().uuidString)", isDirectory: true)
        try manager.createDirectory(at: root, withIntermediateDirectories: true)
        for entry in try manager.contentsOfDirectory(atPath: base.path) {
            try manager.copyItem(at: base.appendingPathComponent(entry), to: root.appendingPathComponent(entry))
        }
        guard let folder else { return root }
        for relative in try files(under: folder) where !controlFiles.contains(relative) {
            let target = root.appendingPathComponent(relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.copyItem(at: folder.appendingPathComponent(relative), to: target)
        }
        for path in try lines(folder.appendingPathComponent("remove.txt")) {
            let target = root.appendingPathComponent(path)
            guard manager.fileExists(atPath: target.path) else {
                Issue.record("\(folder.lastPathComponent)/remove.txt: '\(path)' is not in _base")
                continue
            }
            try manager.removeItem(at: target)
        }
        return root
    }

    /// Every regular file under `folder`, relative to it, sorted.
    static func files(under folder: URL) throws -> [String] {
        var result: [String] = []
        func walk(_ relative: String) throws {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                let path = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
                if isDirectory.boolValue { try walk(path) } else { result.append(path) }
            }
        }
        try walk("")
        return result.sorted()
    }

    /// The non-empty, non-comment lines of a text file; none when it does not exist.
    static func lines(_ url: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    static func options(_ folder: URL) throws -> BuildOptions {
        var options = BuildOptions(today: today)
        for line in try lines(folder.appendingPathComponent("options.txt")) {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            switch (parts[0], parts.count > 1 ? parts[1] : nil) {
            case ("strict", nil): options.strict = true
            case ("drafts", nil): options.includeDrafts = true
            case ("future", nil): options.includeFuture = true
            case let ("today", value?):
                guard let day = Day(iso: value) else {
                    Issue.record("\(folder.lastPathComponent)/options.txt: '\(value)' is not a date")
                    continue
                }
                options.today = day
            case let ("base-url", value?): options.baseURL = value
            default: Issue.record("\(folder.lastPathComponent)/options.txt: unknown option '\(line)'")
            }
        }
        return options
    }

    // MARK: Diffs

    /// A line diff from the longest common subsequence: `  ` same, `- ` expected only, `+ ` actual only.
    static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var common = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var lines: [String] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append("  " + old[i]); i += 1; j += 1
            } else if j < new.count, i == old.count || common[i][j + 1] >= common[i + 1][j] {
                lines.append("+ " + new[j]); j += 1
            } else {
                lines.append("- " + old[i]); i += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}
