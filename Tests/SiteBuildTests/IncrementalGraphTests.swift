import Foundation
import Testing
@testable import SiteBuild

/// The preview patches the graph and output plan after a front-matter edit instead of
/// working them out again. These tests make many seeded random edits to a site whose
/// articles share words, dates and topics (so related articles, neighbours and ties all
/// move), and after each one compare everything the preview serves with a full build of
/// the same files.
@Suite struct IncrementalGraphTests {
    static let words = ["garden", "sleep", "housing", "benefits", "music", "running", "cooking", "volunteering",
                        "anxiety", "psychosis", "routine", "friendship", "debt", "college", "walking", "painting",
                        "medication", "therapy", "carers", "tenancy", "allotment", "choir", "budget", "relapse"]
    static let dates = ["2026-01-10", "2026-01-10", "2026-03-02", "2025-11-20"]
    static let topicChoices = ["[recovery]", "[work]", "[recovery, work]", "[work, recovery]"]

    /// One article's front matter and body, as the test edits them.
    struct Article {
        var name: String
        var title: String
        var summary: String
        var topics: String
        var published: String
        var weight: Int
        var related: String?
        var reviewed = "2026-02-01"
        var draft = false
        var body: String

        var file: String {
            """
            -- Content/articles/\(name).md --
            ---
            title: \(title)
            summary: \(summary)
            topics: \(topics)
            published: \(published)
            last_reviewed: \(reviewed)
            next_review: 2028-02-01
            weight: \(weight)
            authors:
              - {name: Sam Writer, role: Content designer}
            \(related.map { "related: [\($0)]" } ?? "")
            \(draft ? "draft: true" : "")
            ---
            \(body)
            """
        }
    }

    /// The minimal site with an article template that shows related articles and topics.
    static func site(_ articles: [Article]) -> SiteFixture {
        var site = SiteFixture.minimal.with("""
        -- Templates/article.mustache --
        {{<base}}{{$main}}<h1>{{article.title}}</h1><p>{{article.summary}}</p>{{{article.body}}}
        {{#article.topics}}<a href="{{url}}">{{title}}</a>{{/article.topics}}
        {{#article.previous}}<a rel="prev" href="{{url}}">{{title}}</a>{{/article.previous}}{{#article.next}}<a rel="next" href="{{url}}">{{title}}</a>{{/article.next}}
        <ul>{{#article.related}}<li><a href="{{url}}">{{title}}</a> {{summary}}</li>{{/article.related}}</ul>
        {{/main}}{{/base}}
        """)
        for article in articles { site = site.with(article.file) }
        return site.with(page(title: "About"))
    }

    /// A page linking to an article, whose title the test edits too.
    static func page(title: String) -> String {
        """
        -- Content/pages/about.md --
        ---
        title: \(title)
        summary: About us.
        ---
        See [the first article](../articles/a0.md).
        """
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomEditsServeWhatAFullBuildWrites(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var articles = (0..<30).map { index in
            Article(name: "a\(index)", title: random.phrase(2).capitalized, summary: random.phrase(4), topics: random.pick(Self.topicChoices),
                    published: random.pick(Self.dates), weight: random.below(2), body: "## \(random.phrase(1))\n\n\(random.phrase(8)).")
        }
        var site = Self.site(articles)
        let build = IncrementalBuild(files: site.siteFiles, options: IncrementalBuildTests.options())
        var served = try build.buildAll().written.merging(try build.searchFiles().written) { $1 }
        for step in 0..<50 {
            // Now and then a media file comes or goes: only it changes in what is served.
            if random.below(10) == 0 {
                let path = "Content/media/m\(random.below(3)).svg"
                let text = site.files[path] == nil ? "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>\(random.phrase(1))</title></svg>" : nil
                site = text.map { site.with("-- \(path) --\n\($0)") } ?? site.without(path)
                let rebuild = try build.apply([path: site.files[path].map { Data($0.utf8) }])
                try IncrementalBuildTests.apply(rebuild, of: build, to: &served)
                #expect(served == (try IncrementalBuildTests.fullBuild(site)), "seed \(seed), step \(step), \(path)")
                continue
            }
            if random.below(12) == 0 {
                site = site.with(Self.page(title: random.phrase(2).capitalized))
                let rebuild = try build.apply(["Content/pages/about.md": Data(site.files["Content/pages/about.md"]!.utf8)])
                try IncrementalBuildTests.apply(rebuild, of: build, to: &served)
                #expect(served == (try IncrementalBuildTests.fullBuild(site)), "seed \(seed), step \(step), page title")
                continue
            }
            let index = random.below(articles.count)
            var article = articles[index]
            let edit = random.below(12)
            switch edit {
            case 0...3: article.title = random.phrase(random.below(3) + 1).capitalized
            case 4: article.summary = random.phrase(4)
            case 5: article.topics = random.pick(Self.topicChoices)
            case 6: article.weight = random.below(3)
            case 7: article.related = random.below(2) == 0 ? nil : articles[random.below(articles.count)].name
            case 8: article.reviewed = random.pick(["2026-02-01", "2026-05-05", "2025-12-12"])
            case 9: article.published = random.pick(Self.dates)
            case 10: article.body = "## \(random.phrase(1))\n\n\(random.phrase(8))."
            default: article.draft.toggle()
            }
            // An article named in `related` stays published, and none names itself.
            if article.related == article.name { article.related = nil }
            if article.draft, article.name == "a0" || articles.contains(where: { $0.related == article.name }) { article.draft = false }
            if let related = article.related, articles.contains(where: { $0.name == related && $0.draft }) { article.related = nil }
            articles[index] = article
            site = site.with(article.file)
            let path = "Content/articles/\(article.name).md"
            let deferring = random.below(2) == 0
            let rebuild = try build.apply([path: Data(site.files[path]!.utf8)], deferringListings: deferring)
            let later = try build.renderDeferred()
            try IncrementalBuildTests.apply(rebuild, of: build, to: &served)
            served.merge(later) { $1 }
            let expected = try IncrementalBuildTests.fullBuild(site)
            let wrong = Set(served.keys).union(expected.keys).filter { served[$0] != expected[$0] }.sorted()
            #expect(wrong.isEmpty, "seed \(seed), step \(step), edit \(edit) of \(article.name): \(wrong)")
            if !wrong.isEmpty { return }
        }
    }
}

private extension SeededRandom {
    mutating func phrase(_ count: Int) -> String { (0..<count).map { _ in pick(IncrementalGraphTests.words) }.joined(separator: " ") }
}
