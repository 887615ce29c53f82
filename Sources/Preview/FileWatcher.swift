import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders with inotify and reports changed files in debounced batches.
///
/// inotify rather than polling: a 10,000-article site would need 10,000 `stat` calls per
/// poll, while inotify costs nothing between saves and reports within milliseconds.
/// Every folder is watched (following symbolic links, as the build reads them); new
/// folders are added as they appear. Editor temp files are dropped here already.
public final class FileWatcher: @unchecked Sendable {
    /// Waits this long after the last event before reporting, so an editor's burst
    /// (write temp, rename, chmod) becomes one rebuild.
    public let quietPeriod: Duration
    private let root: String
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private var stopped = false
    private let lock = NSLock()

    /// Watches `folders` (relative to `root`) and files directly in `files` folders'
    /// parents; nil if inotify is unavailable.
    public init?(root: URL, folders: [String], quietPeriod: Duration = .milliseconds(80)) {
        self.root = root.path
        self.quietPeriod = quietPeriod
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for folder in folders { addTree(folder, depth: 0) }
    }

    deinit { close(descriptor) }

    /// Stops `run` within one poll interval.
    public func stop() { lock.withLock { stopped = true } }

    /// Blocks, calling `onBatch` with the changed paths (relative to the root) after each
    /// quiet period, until `stop()`.
    public func run(_ onBatch: (Set<String>) -> Void) {
        var pending: Set<String> = []
        var lastEvent = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !lock.withLock({ stopped }) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 25)
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    pending.formUnion(parse(buffer, count: count))
                    lastEvent = .now
                }
            }
            if !pending.isEmpty, ContinuousClock.now - lastEvent >= quietPeriod {
                let batch = pending
                pending = []
                onBatch(batch)
            }
        }
    }

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_ATTRIB)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

    private func addTree(_ relative: String, depth: Int) {
        guard depth < 32 else { return }
        let path = root + "/" + relative
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        guard watch >= 0 else { return }
        lock.withLock { folders[watch] = relative }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder), isFolder.boolValue {
                addTree(relative + "/" + name, depth: depth + 1)
            }
        }
    }

    /// `struct inotify_event { int wd; uint32_t mask, cookie, len; char name[]; }`
    private func parse(_ buffer: [UInt8], count: Int) -> Set<String> {
        var changed: Set<String> = []
        var offset = 0
        let header = 16
        while offset + header <= count {
            func word(_ at: Int) -> UInt32 {
                UInt32(buffer[at]) | UInt32(buffer[at + 1]) << 8 | UInt32(buffer[at + 2]) << 16 | UInt32(buffer[at + 3]) << 24
            }
            let watch = Int32(bitPattern: word(offset))
            let mask = word(offset + 4)
            let length = Int(word(offset + 12))
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            offset += header + length
            guard let folder = lock.withLock({ folders[watch] }) else { continue }
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard !name.isEmpty else { continue }
            let relative = folder + "/" + name
            if mask & UInt32(IN_ISDIR) != 0 {
                // A new folder (or one moved in) is watched, and its files count as changed.
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    addTree(relative, depth: relative.split(separator: "/").count)
                    let files = (try? FileManager.default.subpathsOfDirectory(atPath: root + "/" + relative)) ?? []
                    changed.formUnion(files.map { relative + "/" + $0 })
                }
                continue
            }
            // A file just created is reported again when closed after writing.
            if mask == UInt32(IN_CREATE) { continue }
            changed.insert(relative)
        }
        return changed
    }
}
