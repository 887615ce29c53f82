import Foundation
import SiteModel

/// The site as the preview serves it: the last good build's files in memory, each with
/// its ETag, and the problems of the latest rebuild if it failed.
///
/// Written by the rebuild task, read by request handlers on any thread.
public final class SiteStore: @unchecked Sendable {
    /// One servable file.
    public struct File: Sendable {
        public let data: Data
        /// A strong validator: the content's FNV-1a hash, quoted.
        public let etag: String
    }

    private var files: [String: File] = [:]
    /// Outputs a rebuild changed but has not rendered yet (pages that list an edited
    /// article, rendered just after the reload): a request for one waits for them.
    private var unsettled: Set<String> = []
    private var problems: [Diagnostic] = []
    private var generation = 0
    private let lock = NSLock()

    public init() {}

    /// The file at an output path (`topics/index.html`), if the build wrote one.
    public func file(at path: String) -> File? {
        lock.withLock { files[path] }
    }

    /// The latest rebuild's errors and warnings; no errors means it succeeded.
    public var diagnostics: [Diagnostic] { lock.withLock { problems } }

    /// Counts successful and failed rebuilds alike, so a browser that reconnects can tell
    /// whether it missed one.
    public var version: Int { lock.withLock { generation } }

    /// Applies a successful rebuild: new and changed files, removed ones, its warnings, and
    /// the outputs it changed but will render a moment later (`settle`).
    public func update(written: [String: Data], removed: [String], warnings: [Diagnostic], unsettled later: Set<String> = []) {
        let prepared = written.mapValues { File(data: $0, etag: Self.etag(for: $0)) }
        lock.withLock {
            for path in removed { files[path] = nil }
            files.merge(prepared) { _, new in new }
            unsettled.subtract(written.keys)
            unsettled.formUnion(later)
            problems = warnings
            generation += 1
        }
    }

    /// Files rendered after the rebuild that changed them; every unsettled output is
    /// settled, rendered or not (one that failed keeps its last good version).
    public func settle(_ written: [String: Data]) {
        let prepared = written.mapValues { File(data: $0, etag: Self.etag(for: $0)) }
        lock.withLock {
            files.merge(prepared) { _, new in new }
            unsettled = []
        }
    }

    /// Waits, up to `limit`, while the output at `path` is still to be rendered.
    public func waitUntilSettled(_ path: String, limit: Duration = .seconds(10)) async {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while lock.withLock({ unsettled.contains(path) }), clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Records a failed rebuild; the files stay as they were.
    public func fail(_ diagnostics: [Diagnostic]) {
        lock.withLock {
            problems = diagnostics
            generation += 1
        }
    }

    /// Whether any file lives under `folder/`, to tell folders from missing paths.
    public func hasFolder(_ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return lock.withLock { files.keys.contains { $0.hasPrefix(prefix) } }
    }

    static func etag(for data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Over the raw bytes: `Data`'s iterator costs more than the hashing (10,000 pages
        // on the first build, the 2 MB A–Z after every title edit).
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return "\"\(String(hash, radix: 16))-\(data.count)\""
    }
}
