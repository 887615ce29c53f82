import ArgumentParser
import Foundation
import SiteBuild
import SiteModel

/// `hub new article "Title" --topic personal-recovery`: a valid article to start from.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new article from a template.",
        discussion: """
            Writes Content/articles/<slug>.md with today's dates, the next review in 3 years, \
            placeholders for authors and sources, and 'draft: true'. Never overwrites a file.
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case article
    }

    @Argument(help: "What to create: article.")
    var kind: Kind

    @Argument(help: ArgumentHelp("The article's title.", valueName: "title"))
    var title: String

    @Option(name: .customLong("topic"), help: ArgumentHelp("A topic slug from site.yml; repeat for more.", valueName: "slug"))
    var topics: [String] = []

    @Option(name: .long, help: ArgumentHelp("The file's slug (default: from the title).", valueName: "slug"))
    var slug: String?

    @OptionGroup var folder: SiteFolderOptions

    func validate() throws {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the title must not be empty") }
        if topics.isEmpty { throw ValidationError("give at least one --topic, e.g. --topic personal-recovery") }
        if let slug, !Slug.isValid(slug) { throw ValidationError("--slug '\(slug)' is not valid; use \(Slug.rule)") }
    }

    func run() throws {
        guard let slug = slug ?? ArticleScaffold.slug(for: title) else {
            Terminal.report([.error("cannot make a slug from '\(title)'; give one with --slug")])
            throw ExitCode.failure
        }
        let rootURL = folder.rootURL
        let relative = "Content/articles/\(slug).md"
        let file = rootURL.appendingPathComponent(relative)
        let day = folder.day
        let text = ArticleScaffold.text(title: title, topics: topics, today: day)
        let config = FileManager.default.contents(atPath: rootURL.appendingPathComponent("Content/site.yml").path)
        let problems = ArticleScaffold.problems(text: text, path: relative, siteConfig: config)
        guard problems.isEmpty else {
            Terminal.report(problems)
            throw ExitCode.failure
        }
        guard !FileManager.default.fileExists(atPath: file.path) else {
            Terminal.report([.error("\(relative) already exists; not overwriting it", notes: ["choose another title or give --slug"])])
            throw ExitCode.failure
        }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            // `withoutOverwriting` is O_EXCL: the check and the write are one step.
            try Data(text.utf8).write(to: file, options: .withoutOverwriting)
        } catch CocoaError.fileWriteFileExists {
            Terminal.report([.error("\(relative) already exists; not overwriting it", notes: ["choose another title or give --slug"])])
            throw ExitCode.failure
        } catch {
            Terminal.report([.error("could not write \(relative): \(error.localizedDescription)")])
            throw ExitCode.failure
        }
        Terminal.out("Created \(relative)\n")
    }
}
