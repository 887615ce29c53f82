import ArgumentParser
import Dispatch
import Foundation
import Preview
import SiteBuild
import SiteModel

/// `hub serve`: the editors' preview. Builds into memory, serves it, rebuilds what a
/// saved file affects and reloads the browser; errors show in the page and here.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site while you edit it.",
        discussion: """
            Builds the site into memory and serves it at http://127.0.0.1:8080/. Saving a file \
            under Content/ or Templates/ rebuilds only what it affects and reloads open pages. \
            While a change does not build, pages show the problems and the last good version. \
            Drafts and scheduled articles are shown, marked as such, unless --as-public is given. \
            Press Ctrl-C to stop.
            """
    )

    @OptionGroup var folder: SiteFolderOptions

    @Option(name: .long, help: ArgumentHelp("The address to listen on (default: 127.0.0.1, this computer only).", valueName: "host"))
    var host: String?

    @Option(name: .long, help: ArgumentHelp("The port; 0 picks a free one.", valueName: "port"))
    var port: Int = 8080

    @Flag(name: .customLong("as-public"), help: "Show exactly what the public will see: no drafts, no scheduled articles.")
    var asPublic = false

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if let host, host.isEmpty { throw ValidationError("--host must not be empty") }
    }

    func run() throws {
        // Before any thread starts: a Ctrl-C during the first build is then kept, not lost.
        let stop = StopSignal.install()
        let rootURL = folder.rootURL
        let host = self.host ?? "127.0.0.1"
        let chosenPort: Int
        switch PreviewServer.choosePort(host: host, port: port) {
        case let .success(port): chosenPort = port
        case let .failure(problem):
            Terminal.report([.error(problem.message, notes: problem.notes)])
            throw ExitCode.failure
        }
        if !PreviewServer.isLoopback(host) {
            Terminal.error("warning: listening on \(host): anyone who can reach this computer on the network can see the preview, drafts included\n")
        }
        var options = BuildOptions(today: folder.day)
        options.includeDrafts = !asPublic
        options.includeFuture = !asPublic
        // Absolute links (the 404 page's) then point at the preview itself.
        options.baseURL = PreviewServer.url(host: host, port: chosenPort)
        let session = PreviewSession(root: rootURL, options: options) { Self.report($0) }
        session.start()

        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await PreviewServer.run(session: session, host: host, port: chosenPort, stop: stop) { url in
                    Terminal.out("Serving \(rootURL.lastPathComponent) at \(url)\(asPublic ? " as the public sees it" : " (drafts and scheduled articles included)")\nPress Ctrl-C to stop.\n")
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            Terminal.report([.error("the preview server stopped: \(error)")])
            throw ExitCode.failure
        }
        Terminal.out("Stopped.\n")
    }

    private final class Outcome: @unchecked Sendable {
        var error: Error?
    }

    private static func report(_ event: PreviewSession.Event) {
        switch event {
        case let .built(rebuild, milliseconds, changed):
            let what = changed.isEmpty ? "Built" : "Rebuilt (\(changed.count == 1 ? changed[0] : "\(changed.count) files"))"
            // Warnings (reviews due) once per full build, not after every edit.
            if rebuild.scope == .full { Terminal.report(rebuild.warnings) }
            Terminal.out("\(what): \(Terminal.count(rebuild.written.count, "file")) written in \(milliseconds) ms\n")
        case let .settled(files, milliseconds):
            Terminal.out("  then \(Terminal.count(files, "page")) listing it in \(milliseconds) ms\n")
        case let .failed(diagnostics, _, _):
            Terminal.report(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            Terminal.error("Rebuild failed: \(Terminal.count(errors, "error")). Still serving the last good version.\n")
        }
    }
}
