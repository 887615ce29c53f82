import CFileSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a build beside the output folder and swaps it in only when everything has
/// succeeded: a failed or interrupted build leaves the previous `Public/` byte for byte as
/// it was, and files that no longer belong are gone.
///
/// A failed build needs no clean-up: it leaves the spare half-written, and the next build
/// overwrites and prunes it. `Public/` itself is never touched before the swap.
///
/// The output is double-buffered. The build writes into `.Public.spare` (which holds the
/// build before last), overwriting files in place and deleting what it did not write, then
/// exchanges it with `Public/` in one `renameat2(RENAME_EXCHANGE)`. The previous build
/// becomes the next spare. Rewriting existing files avoids deleting and re-creating
/// 10,000 inodes per build, which on ext4 cost more than rendering the pages.
///
/// Each folder has a manifest beside it (`.Public.manifest`, `.Public.spare.manifest`)
/// saying what each page in it was made from, so a page whose view model and templates are
/// unchanged since the build before last is not rendered again (`reuse`).
public final class StagedDirectoryOutput: OutputSink, @unchecked Sendable {
    public let destination: URL
    let spare: URL
    private let lockDescriptor: Int32
    private let lock = NSLock()
    private var folders: Set<String> = []
    private var written: Set<String> = []
    /// What the spare held when the build started, listed on a background thread while the
    /// build parses and renders, so pruning at the end needs no second walk.
    private let previousContents: BackgroundListing
    /// What made the spare's pages and the destination's (read at the start), and what
    /// made this build's.
    private let spareRecord: OutputManifest
    private let destinationRecord: OutputManifest
    private var manifest = OutputManifest()
    private let destinationManifest: String
    private let spareManifest: String
    public let keepsPages: Bool
    /// Where a build keeps its documents' check results and search words for the next
    /// (`BuildOptions.cacheFile`): `.Public.cache`, beside the output like the spare.
    public let documentCacheFile: String

    /// Takes the build lock and prepares the spare folder next to `destination`. Without
    /// `keepsPages`, every page is made again and nothing is recorded for the next build.
    public init(destination: URL, keepsPages: Bool = true) throws {
        self.keepsPages = keepsPages
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        spare = parent.appendingPathComponent(".\(name).spare")
        let lockPath = parent.appendingPathComponent(".\(name).lock").path
        destinationManifest = parent.appendingPathComponent(".\(name).manifest").path
        spareManifest = parent.appendingPathComponent(".\(name).spare.manifest").path
        documentCacheFile = parent.appendingPathComponent(".\(name).cache").path
        lockDescriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockDescriptor >= 0 else { throw FileWriter.Failure(path: lockPath, code: errno) }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(lockDescriptor)
            throw BuildInProgress(path: self.destination.path)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: spare.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            try FileManager.default.removeItem(at: spare)
        }
        try FileManager.default.createDirectory(at: spare, withIntermediateDirectories: true)
        folders.insert("")
        previousContents = BackgroundListing(root: spare.path)
        spareRecord = keepsPages ? OutputManifest.read(from: spareManifest) : OutputManifest()
        destinationRecord = keepsPages ? OutputManifest.read(from: destinationManifest) : OutputManifest()
    }

    deinit {
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    public func write(_ path: String, _ data: Data) throws {
        try write(path, data, madeFrom: nil)
    }

    public func write(_ path: String, _ data: Data, madeFrom fingerprint: Fingerprint?) throws {
        let folder = Self.parent(of: path)
        try ensureFolder(folder)
        let file = spare.path + "/" + path
        do {
            try FileWriter.write(data, to: file)
        } catch let failure as FileWriter.Failure where failure.code == EISDIR {
            // A folder from an older build where this build needs a file.
            try FileManager.default.removeItem(atPath: file)
            try FileWriter.write(data, to: file)
        }
        let entry = fingerprint.flatMap { fingerprint in FileIdentity(path: file).map { OutputManifest.Entry(fingerprint: fingerprint, identity: $0) } }
        lock.lock()
        written.insert(path)
        manifest[path] = entry
        lock.unlock()
    }

    /// The spare's file at `path`, when the build before last made it from `fingerprint`
    /// and it is exactly as that build left it; else the destination's, copied into the
    /// spare, when the last build made it so (the first rebuild, or a page an edit before
    /// the last changed).
    public func reuse(_ path: String, madeFrom fingerprint: Fingerprint) -> Data? {
        if let (entry, data) = Self.unchanged(spareRecord[path], at: spare.path + "/" + path, madeFrom: fingerprint) {
            keep([(path, entry)])
            return data
        }
        guard let (_, data) = Self.unchanged(destinationRecord[path], at: destination.path + "/" + path, madeFrom: fingerprint),
              (try? write(path, data, madeFrom: fingerprint)) != nil else { return nil }
        return data
    }

    /// The file's bytes, when its manifest entry says it was made from `fingerprint` and it
    /// is exactly as written then.
    private static func unchanged(_ entry: OutputManifest.Entry?, at file: String,
                                  madeFrom fingerprint: Fingerprint) -> (OutputManifest.Entry, Data)? {
        guard let entry, entry.fingerprint == fingerprint, FileIdentity(path: file) == entry.identity,
              let data = FileWriter.contents(of: file, size: Int(entry.identity.size)) else { return nil }
        return (entry, data)
    }

    public func reuse(group fingerprint: Fingerprint) -> [String]? {
        let group = spareRecord.entries.filter { $0.value.fingerprint == fingerprint }
        guard !group.isEmpty, group.allSatisfy({ FileIdentity(path: spare.path + "/" + $0.key) == $0.value.identity }) else { return nil }
        keep(group.map { ($0.key, $0.value) })
        return group.keys.sorted()
    }

    /// Counts files the build before last left as written by this one.
    private func keep(_ files: [(path: String, entry: OutputManifest.Entry)]) {
        lock.lock()
        defer { lock.unlock() }
        for (path, entry) in files {
            // The file is there, so its folders are too.
            var folder = Self.parent(of: path)
            while !folder.isEmpty, folders.insert(folder).inserted { folder = Self.parent(of: folder) }
            written.insert(path)
            manifest[path] = entry
        }
    }

    /// Deletes what this build did not write, then exchanges the spare with the
    /// destination (atomically where the kernel allows). The old build stays as the spare.
    public func commit() throws {
        prune()
        // Written before the swap: a manifest that ends up beside the wrong folder, if the
        // swap is interrupted, matches none of that folder's files.
        let built = spareManifest + ".built"
        try? manifest.write(to: built)
        do {
            try swapFolders()
        } catch {
            unlink(built)
            throw error
        }
        if rename(destinationManifest, spareManifest) != 0 { unlink(spareManifest) }
        if rename(built, destinationManifest) != 0 { unlink(built) }
        // The next build may start now, though this object may live on a little
        // (`BackgroundRelease`).
        flock(lockDescriptor, LOCK_UN)
    }

    /// Puts the spare in the destination's place, and the old destination in the spare's.
    private func swapFolders() throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: destination.path) else {
            try manager.moveItem(at: spare, to: destination)
            return
        }
        if hub_exchange_paths(spare.path, destination.path) == 0 { return }
        // No atomic exchange on this file system: two renames, the old build kept until
        // the new one is in place.
        let previous = spare.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).previous")
        try? manager.removeItem(at: previous)
        try manager.moveItem(at: destination, to: previous)
        do {
            try manager.moveItem(at: spare, to: destination)
        } catch {
            try? manager.moveItem(at: previous, to: destination)
            throw error
        }
        try? manager.moveItem(at: previous, to: spare)
    }

    /// `a/b/c.html` → `a/b`, `a` → ``. Not `NSString.deletingLastPathComponent`, which traps
    /// on short paths in swift-corelibs-foundation (a one-letter slug crashed the build).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Creates `folder` and its parents once, under the lock so no writer races ahead.
    private func ensureFolder(_ folder: String) throws {
        lock.lock()
        defer { lock.unlock() }
        try createFolder(folder)
    }

    private func createFolder(_ folder: String) throws {
        guard !folders.contains(folder) else { return }
        let parent = Self.parent(of: folder)
        if parent != folder { try createFolder(parent) }
        let path = spare.path + "/" + folder
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw FileWriter.Failure(path: path, code: errno) }
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
            // A file from an older build where this build needs a folder.
            unlink(path)
            if mkdir(path, 0o755) != 0 { throw FileWriter.Failure(path: path, code: errno) }
        }
        folders.insert(folder)
    }

    /// Removes every file and folder the spare held that this build did not write. Entries
    /// the build itself replaced may already be gone, so removal failures are ignored.
    private func prune() {
        var removedFolders: Set<String> = []
        for entry in previousContents.entries() {
            let parent = entry.path.split(separator: "/").dropLast().joined(separator: "/")
            if removedFolders.contains(parent) {
                if entry.isDirectory { removedFolders.insert(entry.path) }
                continue
            }
            if folders.contains(entry.path) || written.contains(entry.path) { continue }
            try? FileManager.default.removeItem(atPath: spare.path + "/" + entry.path)
            if entry.isDirectory { removedFolders.insert(entry.path) }
        }
    }
}

/// Lists a folder tree on its own thread; `entries()` waits for it. Parents come before
/// their children.
private final class BackgroundListing: @unchecked Sendable {
    struct Entry {
        let path: String
        let isDirectory: Bool
    }

    private var listed: [Entry] = []
    private let finished = DispatchSemaphore(value: 0)

    init(root: String) {
        Thread { [self] in
            var entries: [Entry] = []
            Self.walk(root, relative: "", into: &entries)
            listed = entries
            finished.signal()
        }.start()
    }

    func entries() -> [Entry] {
        finished.wait()
        finished.signal()
        return listed
    }

    private static func walk(_ folder: String, relative: String, into entries: inout [Entry]) {
        for entry in DirectoryEntries.list(folder) ?? [] {
            let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
            entries.append(Entry(path: path, isDirectory: entry.isDirectory))
            if entry.isDirectory { walk(folder + "/" + entry.name, relative: path, into: &entries) }
        }
    }
}

/// Another `hub build` holds the lock for the same output folder.
public struct BuildInProgress: LocalizedError {
    public let path: String
    public var errorDescription: String? { "another build is writing \(path); wait for it to finish" }
}
