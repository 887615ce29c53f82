import Foundation
@testable import SiteBuild
import SiteModel
import Testing

/// The template checker rejects names outside `TemplateChecker.vocabulary`, so the list
/// must match what the view model really produces.
@Suite("View model")
struct ViewModelTests {
    /// Every context the realistic fixture site produces, one per page kind.
    static func contexts() throws -> [[String: Any]] {
        var files = SiteFiles.read(root: SnapshotTests.fixture, folders: ["Content"])
        for (path, data) in SiteFiles.read(root: SnapshotTests.repository, folders: ["Templates"]).files { files[path] = data }
        let loaded = try ContentLoader.load(files).get()
        let setup = try SiteSetup.read(loaded, baseURL: nil).get()
        let documents = try loaded.articles.map { try FrontMatterParser.parse($0, kind: .article).get() }
            + loaded.pages.map { try FrontMatterParser.parse($0, kind: .page).get() }
        let content = try ContentResolver.resolve(config: setup.config, contacts: setup.contacts, documents: documents,
                                                  selection: .init(today: Day(iso: "2026-11-26")!)).get()
        let bodies = BodyRenderer(content: content)
        let outcomes = content.documents.map { bodies.render($0) }
        #expect(bodies.problems(in: outcomes.map(\.links)).isEmpty)
        let rendered = outcomes.map(\.rendered)
        let viewModel = ViewModel(graph: SiteGraph(content: content))
        let article = try #require(rendered.first { $0.document.kind == .article && !$0.document.frontMatter.sources.isEmpty })
        let page = try #require(rendered.first { $0.document.kind == .page })
        return [viewModel.article(article, today: Day(iso: "2026-11-26")!), viewModel.contentPage(page), viewModel.home(),
                viewModel.topic(content.config.topics[0]), viewModel.topicsIndex(), viewModel.notFound(),
                viewModel.redirect(from: SitePath("old/"), to: article.document.sitePath)]
    }

    static func keys(in value: Any) -> Set<String> {
        switch value {
        case let dictionary as [String: Any]:
            return Set(dictionary.keys).union(dictionary.values.flatMap { keys(in: $0) })
        case let node as ViewNode:
            return keys(in: node.values)
        case let list as [Any]:
            return list.reduce(into: Set<String>()) { $0.formUnion(keys(in: $1)) }
        default:
            return []
        }
    }

    @Test func everyNameTheViewModelProducesIsInTheVocabulary() throws {
        let produced = try Self.contexts().reduce(into: Set<String>()) { $0.formUnion(Self.keys(in: $1)) }
        #expect(produced.subtracting(TemplateChecker.vocabulary).isEmpty,
                "names missing from TemplateChecker.vocabulary: \(produced.subtracting(TemplateChecker.vocabulary).sorted())")
        // `asset` is template syntax, expanded when templates are compiled; `updated`,
        // `content_note`, `previous` and `next` only appear on articles that have them.
        let optional: Set<String> = ["asset", "updated", "content_note", "previous", "next", "is_draft", "is_scheduled"]
        #expect(TemplateChecker.vocabulary.subtracting(produced).subtracting(optional).isEmpty,
                "vocabulary names nothing produces: \(TemplateChecker.vocabulary.subtracting(produced).subtracting(optional).sorted())")
    }

    @Test func readingTimeAndTableOfContents() {
        #expect(ViewModel.readingMinutes(0) == 1)
        #expect(ViewModel.readingMinutes(200) == 1)
        #expect(ViewModel.readingMinutes(201) == 2)
        #expect(ViewModel.indexLetter(for: "Égalité") == "E")
        #expect(ViewModel.indexLetter(for: "111 explained") == "#")
    }
}

@Suite("Assets")
struct AssetManifestTests {
    @Test func cssReferencesFollowTheHashedNames() throws {
        let manifest = AssetManifest([
            AssetFile(name: "css/site.css", data: Data("a{background:url('../images/a.png')} b{background:url(fonts/x.woff2)} c{background:url(\"https://example.org/x.png\")}".utf8)),
            AssetFile(name: "images/a.png", data: Data([1, 2, 3])),
            AssetFile(name: "css/fonts/x.woff2", data: Data([4])),
        ])
        let png = try #require(manifest.hashedNames["images/a.png"])
        let font = try #require(manifest.hashedNames["css/fonts/x.woff2"])
        let css = try #require(manifest.files.first { $0.path == manifest.hashedNames["css/site.css"].map { "assets/" + $0 } })
        let text = String(decoding: css.data, as: UTF8.self)
        #expect(text.contains("url('../images/\(png.split(separator: "/").last!)')"))
        #expect(text.contains("url(fonts/\(font.split(separator: "/").last!))"))
        #expect(text.contains("url(\"https://example.org/x.png\")"))
    }

    @Test func namesChangeWithContentOnly() {
        let one = AssetManifest.hashedName("style.css", data: Data("a".utf8))
        #expect(one == AssetManifest.hashedName("style.css", data: Data("a".utf8)))
        #expect(one != AssetManifest.hashedName("style.css", data: Data("b".utf8)))
        #expect(one.range(of: #"^style\.[0-9a-f]{10}\.css$"#, options: .regularExpression) != nil)
        #expect(AssetManifest.hashedName("LICENSE", data: Data()).hasPrefix("LICENSE."))
    }
}
