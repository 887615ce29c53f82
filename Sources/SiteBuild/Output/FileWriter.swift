import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plain `open`/`write`/`close`: `Data.write(to:)` costs an extra `fsync` per file on
/// Linux, a tenth of the write time at 10,000 pages. Durability comes from the atomic swap
/// of the whole folder, not from each file.
enum FileWriter {
    struct Failure: LocalizedError {
        let path: String
        let code: Int32
        var errorDescription: String? { String(cString: strerror(code)) }
    }

    /// Writes `data` at `path` unless the file already holds exactly these bytes. Leaving an
    /// unchanged file alone keeps its modification time (so deploy tools and caches see
    /// what really changed) and is much cheaper than rewriting it. Returns whether it wrote.
    @discardableResult
    static func write(_ data: Data, to path: String) throws -> Bool {
        if holds(data, at: path) { return false }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(descriptor) }
        if let code = data.withUnsafeBytes({ write($0, to: descriptor) }) { throw Failure(path: path, code: code) }
        return true
    }

    /// Writes all of `bytes` to an open file; the `errno` if it could not.
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            // Nothing written for a non-empty request would loop for ever; the cache's
            // writer used to stop there too.
            guard written > 0 else { return written < 0 ? errno : EIO }
            offset += written
        }
        return nil
    }

    /// True when the file at `path` has exactly `data`'s bytes.
    private static func holds(_ data: Data, at path: String) -> Bool {
        withContents(of: path, size: data.count) { existing in
            data.withUnsafeBytes { new in
                guard let old = existing.baseAddress, let bytes = new.baseAddress else { return data.isEmpty }
                return memcmp(old, bytes, data.count) == 0
            }
        } ?? false
    }

    /// The file at `path`, if it holds exactly `size` bytes.
    static func contents(of path: String, size: Int) -> Data? {
        withContents(of: path, size: size) { Data($0) }
    }

    /// Calls `body` with the file's bytes, read into a scratch buffer, when it has `size` of them.
    private static func withContents<T>(of path: String, size: Int, _ body: (UnsafeMutableRawBufferPointer) -> T) -> T? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int(status.st_size) == size else { return nil }
        let existing = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
        defer { existing.deallocate() }
        var offset = 0
        while offset < size {
            guard let base = existing.baseAddress else { return nil }
            let count = read(descriptor, base + offset, size - offset)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            offset += count
        }
        return body(existing)
    }
}
