import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The raw files of a site, keyed by path relative to its root (`Content/site.yml`).
///
/// Read from disk by `hub build`, or written inline by tests: everything after this point
/// is the same code either way.
public struct SiteFiles: Sendable {
    /// What could not be read, with why; reported by the loader like any other problem.
    public struct Unreadable: Error, Sendable, Hashable {
        public let path: String
        public let reason: String
    }

    public private(set) var files: [String: Data]
    public private(set) var unreadable: [Unreadable] = []

    public init(_ files: [String: Data] = [:]) {
        self.files = files
    }

    /// Files from UTF-8 strings, for tests.
    public init(texts: [String: String]) {
        self.files = texts.mapValues { Data($0.utf8) }
    }

    public subscript(path: String) -> Data? {
        get { files[path] }
        set { files[path] = newValue }
    }

    /// Paths under `folder` (with a trailing `/`), sorted.
    public func paths(under folder: String) -> [String] {
        files.keys.filter { $0.hasPrefix(folder) }.sorted()
    }

    /// Reads `Content/` and `Templates/` under `root`. Symbolic links are followed (a
    /// corpus may be linked in), hidden files and editor backups are skipped, and files
    /// that cannot be read are recorded, not thrown.
    public static func read(root: URL, folders: [String] = ["Content", "Templates"],
                            maximumFileBytes: Int = ContentLoader.maximumFileBytes) -> SiteFiles {
        var site = SiteFiles()
        var found: [(path: String, relative: String)] = []
        for folder in folders {
            site.list(root.path + "/" + folder, relative: folder, depth: 0, into: &found)
        }
        // Reading is spread over the cores: at 10,000 files the system calls add up.
        let results = ParallelMap.map(found.map { FileToRead(path: $0.path, relative: $0.relative) }, jobs: ParallelMap.defaultJobs) {
            Self.readFile($0.path, maximumFileBytes: maximumFileBytes)
        }
        for (file, result) in zip(found, results) {
            switch result {
            case let .success(data): site.files[file.relative] = data
            case let .failure(reason): site.unreadable.append(Unreadable(path: file.relative, reason: reason.text))
            }
        }
        return site
    }

    /// One file under `root` read again after it changed: nil if it is gone, with the
    /// reason if it cannot be read.
    public static func readOne(root: URL, relative: String,
                               maximumFileBytes: Int = ContentLoader.maximumFileBytes) -> Result<Data, Unreadable>? {
        let path = root.path + "/" + relative
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return readFile(path, maximumFileBytes: maximumFileBytes).mapError { Unreadable(path: relative, reason: $0.text) }
    }

    /// A file named on the command line (`hub render FILE`), read with the same size limit
    /// and reasons as a site's files.
    public static func read(file path: String) -> Result<Data, Unreadable> {
        readFile(path, maximumFileBytes: ContentLoader.maximumFileBytes).mapError { Unreadable(path: path, reason: $0.text) }
    }

    /// Records `path` as unreadable, for files read again by the preview.
    public mutating func markUnreadable(_ problem: Unreadable) {
        files[problem.path] = nil
        unreadable.removeAll { $0.path == problem.path }
        unreadable.append(problem)
    }

    /// Stores `data` at `path` (nil removes it) and forgets any earlier read failure there.
    public mutating func replace(_ path: String, with data: Data?) {
        unreadable.removeAll { $0.path == path }
        files[path] = data
    }

    private struct FileToRead: Sendable {
        let path: String
        let relative: String
    }

    private struct ReadFailure: Error {
        let text: String
    }

    /// Collects every file under `url`, following symbolic links, skipping hidden and
    /// backup files.
    /// Plain string paths throughout: `URL.appendingPathComponent` asks the file system
    /// about every name it appends.
    private mutating func list(_ folder: String, relative: String, depth: Int, into found: inout [(path: String, relative: String)]) {
        guard depth < 32 else {
            unreadable.append(Unreadable(path: relative, reason: "folders are nested more than 32 deep (a symbolic link loop?)"))
            return
        }
        guard let entries = DirectoryEntries.list(folder) else {
            if errno != ENOENT {
                unreadable.append(Unreadable(path: relative, reason: "cannot list this folder (\(String(cString: strerror(errno))))"))
            }
            return
        }
        for entry in entries.sorted(by: { $0.name < $1.name }) where !Self.isIgnored(entry.name) {
            let child = folder + "/" + entry.name
            if entry.isDirectory {
                list(child, relative: relative + "/" + entry.name, depth: depth + 1, into: &found)
            } else {
                found.append((child, relative + "/" + entry.name))
            }
        }
    }

    private static func readFile(_ path: String, maximumFileBytes: Int) -> Result<Data, ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadFailure(text: "cannot read this file (\(String(cString: strerror(errno))))")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(ReadFailure(text: "cannot read this file (\(String(cString: strerror(errno))))"))
        }
        let size = Int(status.st_size)
        guard size <= maximumFileBytes else {
            return .failure(ReadFailure(text: "file is \(size / 1_048_576) MiB; the limit is \(maximumFileBytes / 1_048_576) MiB"))
        }
        var data = Data(count: size)
        var offset = 0
        let failed = data.withUnsafeMutableBytes { buffer -> Bool in
            while offset < size, let base = buffer.baseAddress {
                let count = Glibc.read(descriptor, base + offset, size - offset)
                if count < 0, errno == EINTR { continue }
                if count < 0 { return true }
                if count == 0 { break }
                offset += count
            }
            return false
        }
        guard !failed else { return .failure(ReadFailure(text: "cannot read this file (\(String(cString: strerror(errno))))")) }
        return .success(offset == size ? data : data.prefix(offset))
    }

    /// Hidden files, editor swap and backup files (vim's `4913` probe too): never content.
    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name.hasSuffix(".swp")
            || name.hasSuffix(".tmp") || name.hasSuffix(".swx") || name == "4913"
    }
}
