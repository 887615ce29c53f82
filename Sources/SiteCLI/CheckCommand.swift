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

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Output format: text, json or github (workflow annotations).")
    var format: Format = .text

    @Flag(name: .long, help: "Exit 1 on warnings too.")
    var strict = false

    @Flag(name: .long, help: "Show info findings (suggestions) in text and github output.")
    var info = false

    @Option(name: .long, help: ArgumentHelp("Also write the content register, a self-contained HTML page.", valueName: "file.html"))
    var report: String?

    func run() throws {
        let result = SiteBuilder(options: site.buildOptions(strict: strict)).check(SiteFiles.read(root: site.rootURL))
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
