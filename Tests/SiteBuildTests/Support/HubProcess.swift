import Foundation
import Testing

/// Runs the real `hub` executable, as a user would.
enum HubProcess {
    struct Outcome {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs `hub` through the parity tests' process runner, as text.
    static func run(_ arguments: [String], input: String? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Outcome {
        let hub = try CMarkParity.requireHub(sourceLocation: sourceLocation)
        let result = try CMarkParity.run(hub, arguments, stdin: Data((input ?? "").utf8))
        return Outcome(status: result.status, standardOutput: String(decoding: result.stdout, as: UTF8.self),
                       standardError: result.errorText)
    }
}

/// A temporary folder, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("hub-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes every file of `fixture` under this folder.
    func write(_ fixture: SiteFixture) throws {
        for (path, text) in fixture.files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    /// Every file under `folder` (relative path → bytes).
    func snapshot(_ folder: String) -> [String: Data] {
        let root = url.appendingPathComponent(folder)
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return files }
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = root.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }
}
