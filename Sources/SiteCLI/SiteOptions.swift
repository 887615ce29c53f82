import ArgumentParser
import Foundation
import SiteBuild
import SiteModel

/// What `hub build` and `hub check` both read: which site, as of which day, with which
/// articles. One definition, so the two commands accept and refuse the same values (a
/// check of a site must be the check its build runs).
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site's folder, holding Content/ and Templates/.", valueName: "dir"))
    var root: String = "."

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the site is served from, overriding site.yml (e.g. https://example.org/hub/).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Include articles marked 'draft: true'.")
    var drafts = false

    @Flag(name: .long, help: "Include articles published after today.")
    var future = false

    @Option(name: .long, help: ArgumentHelp("The date to build as, YYYY-MM-DD (default: today's date).", valueName: "date"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Threads for parsing, rendering and checking (default: all cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        try Self.validate(root: root)
        try Self.validate(today: today)
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) || URL(string: baseURL)?.host == nil {
            throw ValidationError("--base-url must be an absolute URL like https://example.org/hub/, not '\(baseURL)'")
        }
    }

    var rootURL: URL { URL(fileURLWithPath: root).standardizedFileURL }

    /// The options these arguments describe; `strict` is each command's own flag.
    func buildOptions(strict: Bool) -> BuildOptions {
        var options = BuildOptions(today: Self.day(today))
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
        options.strict = strict
        if let jobs { options.jobs = jobs }
        return options
    }

    /// A usage error unless `root` (a `--root` value) is an existing folder: a mistyped one
    /// would otherwise be reported as a site with every file missing.
    static func validate(root: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--root '\(root)' is not a folder")
        }
    }

    /// A usage error unless `today` (a `--today` value) is a real date.
    static func validate(today: String?) throws {
        if let today, Day(iso: today) == nil { throw ValidationError("--today must be a real date like 2026-03-03, not '\(today)'") }
    }

    /// `--today`'s date (already validated), or the local calendar date: the only place
    /// `hub` reads the clock.
    static func day(_ today: String?) -> Day {
        if let today, let day = Day(iso: today) { return day }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day.distantPast
    }
}
