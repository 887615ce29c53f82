import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a plain socket, for the live preview tests: one request
/// per connection, and an event-stream reader that waits for a named event.
final class HTTPProbe {
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; reads give up after `timeout` seconds.
    init(port: Int, timeout: Int = 10) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port)")
        }
    }

    deinit { close(descriptor) }

    /// GET `path` and the whole response (the server closes after it).
    static func get(port: Int, _ path: String) throws -> Response {
        let probe = try HTTPProbe(port: port)
        try probe.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let raw = probe.readAll()
        guard let split = raw.range(of: "\r\n\r\n") else { throw Failure(description: "no response to GET \(path): \(raw)") }
        let headLines = raw[..<split.lowerBound].split(separator: "\r\n")
        let status = Int(headLines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in headLines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(raw[split.upperBound...]))
    }

    /// Opens the event stream; `waitFor` then reads it.
    static func events(port: Int) throws -> HTTPProbe {
        let probe = try HTTPProbe(port: port)
        try probe.send("GET /_hub/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        return probe
    }

    private var received = ""

    /// Reads until an event named `event` arrives after the ones already consumed; its data.
    func waitFor(event: String) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let range = received.range(of: "event: \(event)\n") {
                let rest = received[range.upperBound...]
                if let end = rest.range(of: "\n\n") {
                    let data = rest[..<end.lowerBound].split(separator: "\n").map { $0.hasPrefix("data: ") ? String($0.dropFirst(6)) : "" }
                    received = String(rest[end.upperBound...])
                    return data.joined(separator: "\n")
                }
            }
            guard let chunk = readChunk() else { break }
            received += chunk
        }
        throw Failure(description: "no '\(event)' event arrived; received: \(received)")
    }

    private func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw Failure(description: "write failed") }
    }

    private func readChunk() -> String? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    private func readAll() -> String {
        var text = ""
        while let chunk = readChunk() { text += chunk }
        return text
    }
}
