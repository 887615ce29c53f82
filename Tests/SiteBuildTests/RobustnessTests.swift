import Foundation
@testable import SiteBuild
import SiteModel
import Testing

/// Nothing a user can write may crash or hang the build.
@Suite("Hostile input")
struct RobustnessTests {
    @Test func aFileOverTheSizeLimitIsAnErrorNotALoad() throws {
        let folder = try TemporaryFolder()
        try folder.write(SiteFixture.minimal)
        let big = folder.url.appendingPathComponent("Content/articles/huge.md")
        try FileManager.default.createDirectory(at: big.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(count: 50 * 1_048_576).write(to: big)
        let files = SiteFiles.read(root: folder.url)
        #expect(files["Content/articles/huge.md"] == nil)
        let failure = try #require(throws: BuildFailure.self) { try SiteBuilder(options: .init(today: Day(iso: "2026-11-26")!)).build(files, into: MemoryOutput()) }
        #expect(failure.diagnostics.map(\.message) == ["file is 50 MiB; the limit is 10 MiB"])
    }

    @Test func aYAMLBillionLaughsIsRejectedQuickly() {
        let levels = (1...9).map { level in
            "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ",") + "]"
        }
        let bomb = "l0: &l0 lol\n" + levels.joined(separator: "\n")
        let text = "---\ntitle: x\n\(bomb)\n---\nbody\n"
        let start = Date()
        let result = FrontMatterParser.parse(SourceText(path: "Content/articles/bomb.md", text: text), kind: .article)
        #expect(Date().timeIntervalSince(start) < 5)
        guard case let .failure(failure) = result else { Issue.record("the bomb was accepted"); return }
        #expect(failure.diagnostics.first?.message.contains("more than 20000 values") == true)
    }

    @Test(arguments: [String(repeating: "[", count: 10_000), "\n" + String(repeating: "- ", count: 10_000) + "x",
                      (0..<200).map { String(repeating: " ", count: $0 * 2) + "- a:" }.joined(separator: "\n")])
    func deeplyNestedYAMLIsRejected(_ nesting: String) {
        let text = "---\ntitle: x\ntopics: \(nesting)\n---\nbody\n"
        guard case let .failure(failure) = FrontMatterParser.parse(SourceText(path: "a.md", text: text), kind: .article) else {
            Issue.record("deep nesting was accepted")
            return
        }
        #expect(failure.diagnostics.contains { $0.message.contains("nested more than 32 levels") })
    }

    @Test func deeplyNestedMarkdownRendersOnAWorkerThread() throws {
        let quotes = String(repeating: "> ", count: 10_000) + "deep"
        let list = (0..<2_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        let site = SiteFixture.minimal.with(SiteFixture.article("deep", body: quotes + "\n\n" + list))
        let page = try site.build { $0.jobs = 2 }.page("deep/index.html")
        #expect(page.contains("deep"))
    }

    @Test func binaryAndInvalidUTF8FilesAreReportedWithAPosition() {
        var bytes = Data("---\ntitle: caf".utf8)
        bytes.append(0xE9)
        bytes.append(contentsOf: Array("\n".utf8))
        guard case let .failure(diagnostic) = ContentLoader.decode(bytes, path: "x.md") else { Issue.record("accepted Latin-1"); return }
        #expect(diagnostic.location?.description == "x.md:2:11")
        #expect(diagnostic.message.contains("not valid UTF-8 (byte 0xE9)"))
        guard case let .failure(binary) = ContentLoader.decode(Data([0x2D, 0x2D, 0x0A, 0x00, 0x01]), path: "y.md") else {
            Issue.record("accepted a NUL byte"); return
        }
        #expect(binary.message.contains("binary file"))
    }
}
