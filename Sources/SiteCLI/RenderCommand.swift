import ArgumentParser
import CommonMark
import Foundation
import SiteBuild
import SiteModel

/// `hub render FILE`: one Markdown file's HTML body, as the build renders it.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the HTML body of one Markdown file, as the build renders it.",
        discussion: """
            Front matter, if present, is skipped. Raw HTML is left out unless --unsafe is given \
            (the build lets it through only when site.yml sets unsafe_html: true). Links to \
            other .md files are left as written, since they need the whole site to resolve.
            """
    )

    @Argument(help: ArgumentHelp("The Markdown file, or - for standard input.", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Let raw HTML and unsafe URLs through, like cmark --unsafe.")
    var unsafe = false

    func run() throws {
        let read = file == "-" ? .success(FileHandle.standardInput.readDataToEndOfFile()) : SiteFiles.read(file: file)
        let text = read.mapError { Diagnostic.error($0.reason, at: SourceLocation(path: file)) }
            .flatMap { ContentLoader.text($0, path: file == "-" ? "<stdin>" : file) }
        switch text {
        case let .success(text):
            Terminal.out(MarkdownRenderer(allowsRawHTML: unsafe).render(FrontMatterSplitter.body(of: text)).html)
        case let .failure(problem):
            Terminal.report([problem])
            throw ExitCode.failure
        }
    }
}
