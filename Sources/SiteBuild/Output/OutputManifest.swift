import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build wrote into one output folder: for each page, the fingerprint of what it was
/// made from (view model and templates) and the file's identity just after. A later build
/// writing into the same folder leaves a page alone when both still match, instead of
/// rendering it again (`StagedDirectoryOutput.reuse`).
///
/// The identity (device, inode, size, modification and change times) is what makes this
/// safe: a file anyone has edited, replaced or touched since no longer matches, nor does a
/// manifest that has ended up beside the wrong folder. A manifest that cannot be read is
/// an empty one: the build renders everything, as it would without it. The one edit it
/// cannot see is one that keeps the size and lands within the file system's timestamp
/// granularity (a few milliseconds on ext4) of the build's own write.
struct OutputManifest: Sendable {
    struct Entry: Equatable, Sendable {
        let fingerprint: Fingerprint
        let identity: FileIdentity
    }

    private(set) var entries: [String: Entry] = [:]

    init() {}

    subscript(path: String) -> Entry? {
        get { entries[path] }
        set { entries[path] = newValue }
    }

    private static let magic = "hub-manifest-1"

    /// The manifest at `path`; empty when there is none or it is damaged.
    static func read(from path: String) -> OutputManifest {
        guard let data = FileManager.default.contents(atPath: path) else { return OutputManifest() }
        return data.withUnsafeBytes { bytes in
            var reader = BinaryReader(bytes)
            guard reader.text() == magic, let entries = reader.list({ reader -> (String, Entry)? in
                guard let name = reader.text() else { return nil }
                var words: [UInt64] = []
                for _ in 0..<10 {
                    guard let word = reader.word() else { return nil }
                    words.append(word)
                }
                let identity = FileIdentity(device: words[2], inode: words[3], size: words[4], modified: (words[5], words[6]),
                                            changed: (words[7], words[8]), mode: words[9])
                return (name, Entry(fingerprint: Fingerprint(high: words[0], low: words[1]), identity: identity))
            }), reader.isAtEnd else { return OutputManifest() }
            var manifest = OutputManifest()
            // Only paths a build could have written: relative, and inside the folder.
            manifest.entries = Dictionary(entries.filter { name, _ in
                !name.isEmpty && !name.hasPrefix("/") && !name.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
            }) { _, last in last }
            return manifest
        }
    }

    /// Writes the manifest to `path` (through a temporary file, so a reader never sees half).
    func write(to path: String) throws {
        var writer = BinaryWriter()
        writer.text(Self.magic)
        writer.list(entries.sorted { $0.key < $1.key }) { writer, item in
            let (name, entry) = item
            writer.text(name)
            let identity = entry.identity
            for word in [entry.fingerprint.high, entry.fingerprint.low, identity.device, identity.inode, identity.size,
                         identity.modified.seconds, identity.modified.nanoseconds, identity.changed.seconds,
                         identity.changed.nanoseconds, identity.mode] {
                writer.word(word)
            }
        }
        let temporary = path + ".new"
        try FileWriter.write(Data(writer.bytes), to: temporary)
        guard rename(temporary, path) == 0 else { throw FileWriter.Failure(path: path, code: errno) }
    }
}

/// Which file is at a path, and whether it has changed: any write, rename over it or
/// `touch` gives a different identity.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: UInt64
    let modified: (seconds: UInt64, nanoseconds: UInt64)
    let changed: (seconds: UInt64, nanoseconds: UInt64)
    let mode: UInt64

    init(device: UInt64, inode: UInt64, size: UInt64, modified: (UInt64, UInt64), changed: (UInt64, UInt64), mode: UInt64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
        self.mode = mode
    }

    /// The identity of the regular file at `path` (or where it links to); nil if there is none.
    init?(path: String, followingLinks: Bool = false) {
        var status = stat()
        guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: UInt64(status.st_size),
                  modified: (UInt64(bitPattern: Int64(status.st_mtim.tv_sec)), UInt64(bitPattern: Int64(status.st_mtim.tv_nsec))),
                  changed: (UInt64(bitPattern: Int64(status.st_ctim.tv_sec)), UInt64(bitPattern: Int64(status.st_ctim.tv_nsec))),
                  mode: UInt64(status.st_mode))
    }

    static func == (lhs: FileIdentity, rhs: FileIdentity) -> Bool {
        lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size && lhs.modified == rhs.modified
            && lhs.changed == rhs.changed && lhs.mode == rhs.mode
    }
}
