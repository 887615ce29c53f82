import ArgumentParser
import Foundation
import Logging
import SiteBuild
import SiteModel

/// `hub build`: Content/ + Templates/ → Public/, all or nothing.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into Public/.",
        discussion: """
            Reads Content/ and Templates/ under the root and writes the site to Public/. The new \
            site replaces the old one only when every page has built: on any error Public/ is left \
            exactly as it was, and every problem is listed as file:line:column.

            A rebuild does only what changed: a page whose view model and templates are as they were \
            is kept, and an article whose text is as it was keeps its check results and search words. \
            What made each file is recorded beside Public/ (.Public.manifest, .Public.spare.manifest, \
            .Public.cache); a file edited by hand is always made again. --no-cache builds everything.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <root>/Public).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Fail the build on warnings too.")
    var strict = false

    @Flag(name: .long, help: "Print nothing but problems.")
    var quiet = false

    @Flag(name: .customLong("no-cache"), help: "Render every page and check every article, keeping nothing from earlier builds.")
    var noCache = false

    func run() throws {
        let rootURL = site.rootURL
        // A Public/ that is a symbolic link (to a web server's folder, say) is built where it
        // points: the link stays, and the folder it names gets the new site. Swapping the link
        // itself would leave that folder stale and the link replaced by a plain folder.
        let outputURL = (output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? rootURL.appendingPathComponent("Public"))
            .resolvingSymlinksInPath()
        if let problem = OutputFolderGuard.problem(output: outputURL, root: rootURL) {
            Terminal.report([.error(problem)])
            throw ExitCode.failure
        }
        var options = site.buildOptions(strict: strict)
        var logger = Logger(label: "hub.build")
        logger.logLevel = ProcessInfo.processInfo.environment["HUB_LOG"] == "debug" ? .debug : .info

        let start = DispatchTime.now().uptimeNanoseconds
        let files = SiteFiles.read(root: rootURL)
        logger.debug("Read \(files.files.count) files (\((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) ms)")
        let sink: StagedDirectoryOutput
        do {
            sink = try StagedDirectoryOutput(destination: outputURL, keepsPages: !noCache)
        } catch {
            Terminal.report([.error("cannot create a staging folder next to \(outputURL.path): \(error.localizedDescription)")])
            throw ExitCode.failure
        }
        do {
            options.cacheFile = noCache ? nil : sink.documentCacheFile
            let report = try SiteBuilder(options: options, logger: logger).build(consume files, into: sink)
            let commitStart = DispatchTime.now().uptimeNanoseconds
            try sink.commit()
            logger.debug("Replaced \(outputURL.lastPathComponent)/ (\((DispatchTime.now().uptimeNanoseconds - commitStart) / 1_000_000) ms)")
            Terminal.report(report.warnings)
            guard !quiet else { return }
            let milliseconds = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            Terminal.out("Built \(Terminal.count(report.articles, "article")), \(Terminal.count(report.pages, "page")), "
                + "\(Terminal.count(report.topics, "topic")), \(Terminal.count(report.files, "file")) in \(milliseconds) ms"
                + (report.warnings.isEmpty ? "" : " with \(Terminal.count(report.warnings.count, "warning"))") + "\n")
        } catch let failure as BuildFailure {
            Terminal.report(failure.diagnostics)
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            let warnings = failure.diagnostics.count - errors
            Terminal.error("Build failed: \(Terminal.count(errors, "error"))"
                + (warnings > 0 ? ", \(Terminal.count(warnings, "warning"))\(strict ? " (--strict)" : "")" : "")
                + ". \(outputURL.lastPathComponent)/ was not changed.\n")
            throw ExitCode.failure
        } catch {
            Terminal.report([.error("could not replace \(outputURL.path): \(error.localizedDescription)")])
            throw ExitCode.failure
        }
    }

}
