import Foundation

/// Where built files go: a staged folder on disk (`hub build`) or memory (tests, preview).
/// One write function for both, so tests read exactly the bytes a build would write.
public protocol OutputSink: Sendable {
    /// Writes `data` at `path`, relative to the output root (`topics/index.html`).
    /// Called from several threads at once, never twice for one path.
    func write(_ path: String, _ data: Data) throws

    /// Whether this sink keeps pages between builds (`reuse`): if not, nobody works out
    /// what a page was made from.
    var keepsPages: Bool { get }

    /// The bytes at `path` as an earlier build left them, when they were made from exactly
    /// `fingerprint` and the file has not been touched since; the file then counts as
    /// written by this build. nil means: render the file and `write` it.
    func reuse(_ path: String, madeFrom fingerprint: Fingerprint) -> Data?

    /// Writes `data`, remembering what it was made from for a later build's `reuse`.
    func write(_ path: String, _ data: Data, madeFrom fingerprint: Fingerprint?) throws

    /// Every file an earlier build wrote as made from `fingerprint`, when all of them are
    /// still exactly as written: a group of files made together (the search index), kept
    /// together without being read. They count as written by this build. nil: make them.
    func reuse(group fingerprint: Fingerprint) -> [String]?
}

extension OutputSink {
    /// Nothing is kept between builds unless a sink says otherwise.
    public var keepsPages: Bool { false }

    public func reuse(_ path: String, madeFrom fingerprint: Fingerprint) -> Data? { nil }

    public func write(_ path: String, _ data: Data, madeFrom fingerprint: Fingerprint?) throws {
        try write(path, data)
    }

    public func reuse(group fingerprint: Fingerprint) -> [String]? { nil }
}

/// Keeps every output file in memory.
public final class MemoryOutput: OutputSink, @unchecked Sendable {
    private var storage: [String: Data] = [:]
    private let lock = NSLock()

    public init() {}

    public func write(_ path: String, _ data: Data) throws {
        lock.lock()
        defer { lock.unlock() }
        storage[path] = data
    }

    /// Every file written, by path.
    public var files: [String: Data] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    /// A file's text, for tests.
    public func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }
}
