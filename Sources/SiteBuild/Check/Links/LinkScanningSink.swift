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
        let links = path.hasSuffix(".html") ? data.withUnsafeBytes { HTMLLinks(scanning: $0) } : nil
        lock.lock()
        paths.insert(path)
        if let links { pages[path] = links }
        lock.unlock()
        try base.write(path, data)
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
