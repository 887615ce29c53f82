import Foundation
import Testing

/// Programs some tests need (node, chromium, python3): found on PATH, or the test fails
/// saying what to install. Never skipped, so a CI machine without them cannot pass quietly.
enum ExternalTool {
    /// The first of `names` on PATH.
    static func find(_ names: [String]) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
            }
        }
        return nil
    }

    static func require(_ names: [String], install: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        try #require(find(names), Comment(rawValue: "\(names[0]) is not installed; install it with: \(install) (see .ci/run)"),
                     sourceLocation: sourceLocation)
    }

    static func node(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        try require(["node", "nodejs"], install: "apt-get install nodejs (node 18 or later)", sourceLocation: sourceLocation)
    }

    static func chromium(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        try require(["chromium", "chromium-browser", "google-chrome"], install: "apt-get install chromium", sourceLocation: sourceLocation)
    }

    static func python(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        try require(["python3"], install: "apt-get install python3", sourceLocation: sourceLocation)
    }
}
