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
                guard let identity = FileIdentity(words: Array(words[2...])) else { return nil }
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
            for word in [entry.fingerprint.high, entry.fingerprint.low] + entry.identity.words { writer.word(word) }
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
    let modifiedSeconds: UInt64
    let modifiedNanoseconds: UInt64
    let changedSeconds: UInt64
    let changedNanoseconds: UInt64
    let mode: UInt64

    /// The fields in order, as a manifest stores them.
    var words: [UInt64] {
        [device, inode, size, modifiedSeconds, modifiedNanoseconds, changedSeconds, changedNanoseconds, mode]
    }

    init?(words: [UInt64]) {
        guard words.count == 8 else { return nil }
        (device, inode, size, modifiedSeconds) = (words[0], words[1], words[2], words[3])
        (modifiedNanoseconds, changedSeconds, changedNanoseconds, mode) = (words[4], words[5], words[6], words[7])
    }

    /// The identity of the regular file at `path` (or where it links to); nil if there is none.
    init?(path: String, followingLinks: Bool = false) {
        var status = stat()
        guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        func word<T: BinaryInteger>(_ value: T) -> UInt64 { UInt64(truncatingIfNeeded: value) }
        self.init(words: [word(status.st_dev), word(status.st_ino), word(status.st_size), word(status.st_mtim.tv_sec),
                          word(status.st_mtim.tv_nsec), word(status.st_ctim.tv_sec), word(status.st_ctim.tv_nsec),
                          word(status.st_mode)])
    }
}
