import Foundation
import Testing

/// Golden files beside the tests in `__Snapshots__/`. A missing snapshot, or any snapshot
/// when `RECORD_SNAPSHOTS=1`, is written and the test fails, so a recording run is never
/// mistaken for a passing one. A mismatch reports the first differing lines.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")

    static func assert(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent(name)
        let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: file)
            Issue.record("recorded snapshot \(name); run the tests again", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        Issue.record("snapshot \(name) differs:\n\(lineDiff(expected: expected, actual: actual))\n(RECORD_SNAPSHOTS=1 re-records)",
                     sourceLocation: sourceLocation)
    }

    /// The first few lines that differ, `-` expected and `+` actual.
    static func lineDiff(expected: String, actual: String, limit: Int = 12) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) where lines.count < limit {
            let a = index < old.count ? String(old[index]) : nil
            let b = index < new.count ? String(new[index]) : nil
            if a != b {
                lines.append("line \(index + 1):")
                if let a { lines.append("- \(a)") }
                if let b { lines.append("+ \(b)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
