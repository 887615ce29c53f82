import Foundation

/// Passes every file on to another sink, and scans each HTML file for its ids and links as
/// it goes by, so the generated-page link check costs one pass over bytes already in memory
/// and runs on the page writer's threads.
final class LinkScanningSink<Base: OutputSink>: OutputSink, @unchecked Sendable {
    private let base: Base
    private let lock = NSLock()
    private var pages: [String: HTMLLinks] = [:]
    private var paths: Set<String> = []

    init(_ base: Base) {
        self.base = base
    }

    func write(_ path: String, _ data: Data) throws {
        try write(path, data, madeFrom: nil)
    }

    func write(_ path: String, _ data: Data, madeFrom fingerprint: Fingerprint?) throws {
        scan(path, data)
        try base.write(path, data, madeFrom: fingerprint)
    }

    var keepsPages: Bool { base.keepsPages }

    /// A page kept from an earlier build is scanned like a written one.
    func reuse(_ path: String, madeFrom fingerprint: Fingerprint) -> Data? {
        guard let data = base.reuse(path, madeFrom: fingerprint) else { return nil }
        scan(path, data)
        return data
    }

    func reuse(group fingerprint: Fingerprint) -> [String]? {
        guard let paths = base.reuse(group: fingerprint) else { return nil }
        lock.lock()
        self.paths.formUnion(paths)
        lock.unlock()
        return paths
    }

    private func scan(_ path: String, _ data: Data) {
        let links = path.hasSuffix(".html") ? data.withUnsafeBytes { HTMLLinks(scanning: $0) } : nil
        lock.lock()
        paths.insert(path)
        if let links { pages[path] = links }
        lock.unlock()
    }

    /// Every file written, and the links of each HTML file.
    var scanned: (paths: Set<String>, pages: [String: HTMLLinks]) {
        lock.lock()
        defer { lock.unlock() }
        return (paths, pages)
    }
}

/// Writes nothing: `hub check` renders every page to check it, without touching `Public/`.
struct DiscardingOutput: OutputSink {
    func write(_ path: String, _ data: Data) throws {}
}
