import ArgumentParser
import Foundation
import SiteBuild
import SiteModel

/// What `hub build` and `hub check` both read: which site, as of which day, with which
/// articles. One definition, so the two commands accept and refuse the same values (a
/// check of a site must be the check its build runs).
struct SiteOptions: ParsableArguments {
    @OptionGroup var folder: SiteFolderOptions

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the site is served from, overriding site.yml (e.g. https://example.org/hub/).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Include articles marked 'draft: true'.")
    var drafts = false

    @Flag(name: .long, help: "Include articles published after today.")
    var future = false

    @Option(name: .long, help: ArgumentHelp("Threads for parsing, rendering and checking (default: all cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) || URL(string: baseURL)?.host == nil {
            throw ValidationError("--base-url must be an absolute URL like https://example.org/hub/, not '\(baseURL)'")
        }
    }

    var rootURL: URL { folder.rootURL }

    /// The options these arguments describe; `strict` is each command's own flag.
    func buildOptions(strict: Bool) -> BuildOptions {
        var options = BuildOptions(today: folder.day)
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
        options.strict = strict
        if let jobs { options.jobs = jobs }
        return options
    }
}
