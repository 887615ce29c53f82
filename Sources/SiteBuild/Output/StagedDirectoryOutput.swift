import CFileSystem
import Foundation

/// Writes a build into a staging folder beside the output folder and swaps it in only
/// when everything has succeeded, so a failed or interrupted build leaves the previous
/// `Public/` byte for byte as it was, and files that no longer belong disappear.
public final class StagedDirectoryOutput: OutputSink, @unchecked Sendable {
    public let destination: URL
    let staging: URL
    private let createdFolders = FolderSet()

    /// Prepares `<parent>/.Public.staging-<pid>` next to `destination`.
    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = staging.appendingPathComponent(path)
        let folder = url.deletingLastPathComponent()
        try createdFolders.ensure(folder)
        try data.write(to: url)
    }

    /// Puts the staged build in place of the destination, atomically where the kernel
    /// allows (renameat2 RENAME_EXCHANGE), and removes the previous build.
    public func commit() throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: destination.path) else {
            try manager.moveItem(at: staging, to: destination)
            return
        }
        if hub_exchange_paths(staging.path, destination.path) == 0 {
            // `staging` now holds the previous build.
            try? manager.removeItem(at: staging)
            return
        }
        // No atomic exchange on this file system: two renames, the old build kept until
        // the new one is in place.
        let previous = staging.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
        try manager.moveItem(at: destination, to: previous)
        do {
            try manager.moveItem(at: staging, to: destination)
        } catch {
            try? manager.moveItem(at: previous, to: destination)
            throw error
        }
        try? manager.removeItem(at: previous)
    }

    /// Removes the staging folder after a failed build.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// Folders already created, shared by the writing threads.
private final class FolderSet: @unchecked Sendable {
    private var folders: Set<String> = []
    private let lock = NSLock()

    /// Creates `folder` once; a second writer waits until it exists.
    func ensure(_ folder: URL) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !folders.contains(folder.path) else { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        folders.insert(folder.path)
    }
}
