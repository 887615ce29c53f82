import Foundation

/// The raw files of a site, keyed by path relative to its root (`Content/site.yml`).
///
/// Read from disk by `hub build`, or written inline by tests: everything after this point
/// is the same code either way.
public struct SiteFiles: Sendable {
    /// What could not be read, with why; reported by the loader like any other problem.
    public struct Unreadable: Sendable, Hashable {
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
        var found: [(url: URL, relative: String)] = []
        for folder in folders {
            site.list(root.appendingPathComponent(folder), relative: folder, depth: 0, into: &found)
        }
        // Reading is spread over the cores: at 10,000 files the system calls add up.
        let results = ParallelMap.map(found.map { FileToRead(url: $0.url, relative: $0.relative) }, jobs: ParallelMap.defaultJobs) {
            Self.readFile($0.url, maximumFileBytes: maximumFileBytes)
        }
        for (file, result) in zip(found, results) {
            switch result {
            case let .success(data): site.files[file.relative] = data
            case let .failure(reason): site.unreadable.append(Unreadable(path: file.relative, reason: reason.text))
            }
        }
        return site
    }

    private struct FileToRead: Sendable {
        let url: URL
        let relative: String
    }

    private struct ReadFailure: Error {
        let text: String
    }

    /// Collects every file under `url`, following symbolic links, skipping hidden and
    /// backup files.
    private mutating func list(_ url: URL, relative: String, depth: Int, into found: inout [(url: URL, relative: String)]) {
        let manager = FileManager.default
        guard depth < 32 else {
            unreadable.append(Unreadable(path: relative, reason: "folders are nested more than 32 deep (a symbolic link loop?)"))
            return
        }
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            found.append((url, relative))
            return
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: url.path)
        } catch {
            unreadable.append(Unreadable(path: relative, reason: "cannot list this folder (\(Self.reason(error)))"))
            return
        }
        for name in names.sorted() where !Self.isIgnored(name) {
            list(url.appendingPathComponent(name), relative: relative + "/" + name, depth: depth + 1, into: &found)
        }
    }

    private static func readFile(_ url: URL, maximumFileBytes: Int) -> Result<Data, ReadFailure> {
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= maximumFileBytes else {
                return .failure(ReadFailure(text: "file is \(size / 1_048_576) MiB; the limit is \(maximumFileBytes / 1_048_576) MiB"))
            }
            return .success(try Data(contentsOf: url, options: .uncached))
        } catch {
            return .failure(ReadFailure(text: "cannot read this file (\(reason(error)))"))
        }
    }

    /// Hidden files, editor swap and backup files: never content.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") || name.hasSuffix(".swp")
            || name.hasSuffix(".tmp")
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(posix.rawValue))
        }
        return nsError.localizedDescription
    }
}
