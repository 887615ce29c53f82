import ArgumentParser
import Foundation
import SiteBuild
import SiteModel

/// `hub check`: every content check, without writing Public/.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check links, language, reading age, review dates and safe messaging.",
        discussion: """
            Renders every page as 'hub build' would, writes nothing, and lists every finding as \
            file:line:column, then a summary table. Exits 1 on errors (and on warnings with --strict).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @Option(name: .long, help: ArgumentHelp("The site's folder, holding Content/ and Templates/.", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: "Output format: text, json or github (workflow annotations).")
    var format: Format = .text

    @Flag(name: .long, help: "Exit 1 on warnings too.")
    var strict = false

    @Flag(name: .long, help: "Show info findings (suggestions) in text and github output.")
    var info = false

    @Option(name: .long, help: ArgumentHelp("Also write the content register, a self-contained HTML page.", valueName: "file.html"))
    var report: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the site is served from, overriding site.yml.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Include articles marked 'draft: true'.")
    var drafts = false

    @Flag(name: .long, help: "Include articles published after today.")
    var future = false

    @Option(name: .long, help: ArgumentHelp("The date to check as, YYYY-MM-DD (default: today's date).", valueName: "date"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Threads (default: all cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let today, Day(iso: today) == nil { throw ValidationError("--today must be a real date like 2026-03-03, not '\(today)'") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        var options = BuildOptions(today: today.flatMap { Day(iso: $0) } ?? BuildCommand.localToday())
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
        options.strict = strict
        if let jobs { options.jobs = jobs }
        let result = SiteBuilder(options: options).check(SiteFiles.read(root: rootURL))
        switch format {
        case .text:
            let colours = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            Terminal.out(CheckReportText.format(result, colours: colours, includeInfo: info))
        case .json:
            Terminal.out(CheckReportJSON.encode(result))
        case .github:
            Terminal.out(CheckReportText.github(result, includeInfo: info))
        }
        if let report {
            do {
                try Data(ContentRegister.html(result).utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
            } catch {
                Terminal.report([.error("could not write the register to \(report): \(error.localizedDescription)")])
                throw ExitCode.failure
            }
        }
        if !result.failing(strict: strict).isEmpty { throw ExitCode.failure }
    }
}
