import Foundation
import SiteBuild
import SiteModel
import Testing

/// A whole site written inline, Hugo-style: `-- path --` lines start each file.
///
///     let site = SiteFixture.minimal.with("""
///     -- Content/articles/a.md --
///     ---
///     title: A
///     …
///     """)
struct SiteFixture {
    var files: [String: String]

    init(_ text: String) {
        files = Self.parse(text)
    }

    init(files: [String: String]) {
        self.files = files
    }

    /// This fixture with `text`'s files added or replaced.
    func with(_ text: String) -> SiteFixture {
        SiteFixture(files: files.merging(Self.parse(text)) { _, new in new })
    }

    /// This fixture without the files at `paths`.
    func without(_ paths: String...) -> SiteFixture {
        SiteFixture(files: files.filter { !paths.contains($0.key) })
    }

    var siteFiles: SiteFiles { SiteFiles(texts: files) }

    /// Builds into memory; throws `BuildFailure` like the real build.
    func build(_ configure: (inout BuildOptions) -> Void = { _ in }) throws -> MemoryOutput {
        var options = BuildOptions(today: Day(iso: "2026-11-26")!)
        options.jobs = 2
        configure(&options)
        let output = MemoryOutput()
        _ = try SiteBuilder(options: options).build(siteFiles, into: output)
        return output
    }

    /// The diagnostics of a build that must fail, formatted as the CLI prints them.
    func failure(_ configure: (inout BuildOptions) -> Void = { _ in },
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        do {
            _ = try build(configure)
            Issue.record("the build succeeded but was expected to fail", sourceLocation: sourceLocation)
            return ""
        } catch let failure as BuildFailure {
            return DiagnosticPrinter().format(failure.diagnostics)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return ""
        }
    }

    static func parse(_ text: String) -> [String: String] {
        var files: [String: String] = [:]
        var current: String?
        var lines: [Substring] = []
        func flush() {
            if let current { files[current] = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n") }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                flush()
                current = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        flush()
        return files
    }

    /// The smallest valid site: config, crisis contacts and plain templates, no articles.
    static let minimal = SiteFixture("""
    -- Content/site.yml --
    title: Test Hub
    tagline: Testing the hub
    base_url: https://example.org/
    language: en-GB
    organisation: {name: Test Org, url: "https://example.org/"}
    topics:
      - {slug: recovery, title: Recovery, description: About recovery.}
      - {slug: work, title: Work, description: About work.}
    -- Content/data/crisis.yml --
    contacts:
      - name: Samaritans
        description: Someone to talk to.
        phone: "116 123"
        hours: 24 hours a day
        nations: [england, wales]
        last_verified: 2026-11-20
        source: https://www.samaritans.org/
    -- Templates/base.mustache --
    <!doctype html><html lang="{{site.language}}"><head><title>{{page.title}} – {{site.title}}</title>
    <link rel="canonical" href="{{page.canonical_url}}"><link rel="stylesheet" href="{{#asset}}style.css{{/asset}}"></head>
    <body><a href="{{root}}">Home</a>
    <main>{{$main}}{{/main}}</main>
    {{>partials/help}}
    </body></html>
    -- Templates/partials/help.mustache --
    <section id="urgent-help">{{#urgent_help.contacts}}<a href="{{phone_href}}">{{name}}</a>{{/urgent_help.contacts}}</section>
    -- Templates/article.mustache --
    {{<base}}{{$main}}<h1>{{article.title}}</h1><p>{{article.summary}}</p>
    {{#article.has_toc}}<nav>{{#article.toc}}<a href="#{{id}}">{{title}}</a>{{#children}}<a href="#{{id}}">{{title}}</a>{{/children}}{{/article.toc}}</nav>{{/article.has_toc}}
    {{{article.body}}}
    <p>{{article.review_line}}</p>{{#article.previous}}<a rel="prev" href="{{url}}">{{title}}</a>{{/article.previous}}{{#article.next}}<a rel="next" href="{{url}}">{{title}}</a>{{/article.next}}
    {{/main}}{{/base}}
    -- Templates/page.mustache --
    {{<base}}{{$main}}<h1>{{content_page.title}}</h1>{{{content_page.body}}}{{/main}}{{/base}}
    -- Templates/home.mustache --
    {{<base}}{{$main}}<h1>{{site.title}}</h1>{{#home.latest}}<a href="{{url}}">{{title}}</a>{{/home.latest}}{{/main}}{{/base}}
    -- Templates/topic.mustache --
    {{<base}}{{$main}}<h1>{{topic.title}}</h1>{{#topic.articles}}<a href="{{url}}">{{title}}</a>{{/topic.articles}}{{/main}}{{/base}}
    -- Templates/topics.mustache --
    {{<base}}{{$main}}<h1>{{page.title}}</h1>{{#index.letters}}<h2>{{letter}}</h2>{{#entries}}<a href="{{url}}">{{title}}</a>{{/entries}}{{/index.letters}}{{/main}}{{/base}}
    -- Templates/404.mustache --
    {{<base}}{{$main}}<h1>Page not found</h1><a href="{{root}}topics/">Topics</a>{{/main}}{{/base}}
    -- Templates/redirect.mustache --
    <!doctype html><meta http-equiv="refresh" content="0; url={{redirect.url}}"><link rel="canonical" href="{{redirect.canonical_url}}">
    -- Templates/assets/style.css --
    body { background: url(images/dot.svg); }
    -- Templates/assets/images/dot.svg --
    <svg xmlns="http://www.w3.org/2000/svg"/>
    """)

    /// A valid article with the given slug-file name and extra front matter lines.
    static func article(_ name: String, title: String? = nil, topics: String = "[recovery]", published: String = "2026-01-10",
                        extra: String = "", body: String = "Some text.") -> String {
        """
        -- Content/articles/\(name).md --
        ---
        title: \(title ?? name.capitalized)
        summary: A short summary of \(name).
        topics: \(topics)
        published: \(published)
        last_reviewed: 2026-02-01
        next_review: 2028-02-01
        authors:
          - {name: Sam Writer, role: Content designer}
        \(extra)
        ---
        \(body)
        """
    }
}

extension MemoryOutput {
    /// The text of `path`, failing the test when it was not written.
    func page(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        guard let text = text(path) else {
            Issue.record("no output file \(path); written: \(files.keys.sorted().prefix(40))", sourceLocation: sourceLocation)
            return ""
        }
        return text
    }
}
