import ArgumentParser
import Foundation
import SiteModel

/// Which site and which day: what every command that reads a site takes (`build`, `check`,
/// `serve`, `new`), refused alike by all of them.
struct SiteFolderOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site's folder, holding Content/ and Templates/.", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("The date to build as, YYYY-MM-DD (default: today's date).", valueName: "date"))
    var today: String?

    func validate() throws {
        // A mistyped folder would otherwise be reported as a site with every file missing.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--root '\(root)' is not a folder")
        }
        if let today, Day(iso: today) == nil { throw ValidationError("--today must be a real date like 2026-03-03, not '\(today)'") }
    }

    var rootURL: URL { URL(fileURLWithPath: root).standardizedFileURL }

    /// `--today`'s date (already validated), or the local calendar date: the only place
    /// `hub` reads the clock.
    var day: Day {
        if let today, let day = Day(iso: today) { return day }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day.distantPast
    }
}
