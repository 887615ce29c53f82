import Foundation

/// Appends numbers and text to bytes for the files a build keeps for the next one
/// (`OutputManifest`, `DocumentCache`). Counts are variable-length (most are small).
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []
    /// Flushes that could not write everything (the file is then incomplete).
    private(set) var failures = 0

    mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Seven bits a byte, low first; the top bit says another byte follows.
    mutating func count(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func text(_ value: String) {
        count(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func raw(_ value: some Collection<UInt8>) {
        count(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        count(value == nil ? 0 : 1)
        if let value { write(&self, value) }
    }

    mutating func list<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        count(values.count)
        for value in values { write(&self, value) }
    }

    /// Writes what has been written so far to `descriptor` and starts again; false if the
    /// file could not take it.
    mutating func flush(to descriptor: Int32) -> Bool {
        defer { bytes.removeAll(keepingCapacity: true) }
        let written = bytes.withUnsafeBytes { FileWriter.write($0, to: descriptor) } == nil
        if !written { failures += 1 }
        return written
    }
}

/// Reads what `BinaryWriter` wrote; every read is nil rather than past the end, so a
/// damaged file reads as no file.
struct BinaryReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func word() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func count() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int(bitPattern: UInt(value)) }
            shift += 7
        }
        return nil
    }

    mutating func raw() -> UnsafeRawBufferPointer.SubSequence? {
        guard let length = count(), length >= 0, offset + length <= bytes.count else { return nil }
        defer { offset += length }
        return bytes[offset..<offset + length]
    }

    mutating func text() -> String? { raw().map { String(decoding: $0, as: UTF8.self) } }

    mutating func optional<T>(_ read: (inout BinaryReader) -> T?) -> T?? {
        switch count() {
        case 0: return .some(nil)
        case 1: return read(&self).map { .some($0) }
        default: return nil
        }
    }

    mutating func list<T>(_ read: (inout BinaryReader) -> T?) -> [T]? {
        // A count larger than the bytes left cannot be right (every item takes a byte).
        guard let count = count(), count >= 0, count <= bytes.count - offset else { return nil }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = read(&self) else { return nil }
            values.append(value)
        }
        return values
    }
}
