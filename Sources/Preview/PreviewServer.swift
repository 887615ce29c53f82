import Dispatch
import Foundation
import Hummingbird
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Runs the preview: the HTTP server, the file watcher feeding the session, and a clean
/// stop on Ctrl-C (SIGINT) or SIGTERM, which first closes the live-reload streams so no
/// open connection holds the shutdown.
public enum PreviewServer {
    /// Serves `session` on `host:port` (already chosen, see `choosePort`) until `stop`.
    /// `onRunning` gets the URL once the server listens.
    public static func run(session: PreviewSession, host: String, port: Int, stop: StopSignal,
                           onRunning: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "hub.serve")
        // The server library logs the cancellation that stops it as an error ("Waiting on
        // child channel: CancellationError()") on every Ctrl-C, and its other messages are
        // about single connections; `HUB_LOG=debug` shows them all.
        logger.logLevel = ProcessInfo.processInfo.environment["HUB_LOG"] == "debug" ? .debug : .critical
        let app = Application(
            responder: PreviewResponder(store: session.store, broadcaster: session.broadcaster,
                                        register: { session.contentRegister() }),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onRunning(url(host: host, port: channel.localAddress?.port ?? port)) },
            logger: logger
        )
        let watcher = FileWatcher(root: session.root, folders: ["Content", "Templates"])
        if let watcher {
            let thread = Thread { watcher.run { session.filesChanged($0) } }
            thread.name = "hub.watch"
            thread.start()
        }
        defer { watcher?.stop() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            group.addTask {
                await stop.wait()
                session.broadcaster.finishAll()
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// `http://127.0.0.1:8080/`; IPv6 hosts in brackets.
    public static func url(host: String, port: Int) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)/"
    }

    /// Whether `host` only accepts connections from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Why `hub serve` cannot listen where it was asked to.
    public struct PortProblem: Error, Sendable, Equatable {
        public let message: String
        public let notes: [String]
    }

    /// The port `hub serve` will listen on: `port` itself once it is known to be free on
    /// `host`, or any free one for `port` 0 (so the site's URL is known before the first
    /// build). Checked before that build, so a port in use is said at once and plainly, not
    /// after a long build as the server library's bind error.
    public static func choosePort(host: String, port: Int) -> Result<Int, PortProblem> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list?.pointee else {
            return .failure(PortProblem(message: "cannot listen on '\(host)': no such address", notes: ["use an address of this computer, such as 127.0.0.1"]))
        }
        defer { freeaddrinfo(list) }
        let socket = Glibc.socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard socket >= 0 else { return .failure(problem(errno, host: host, port: port)) }
        defer { close(socket) }
        // As the server sets it: a port whose last connections are still closing is free.
        var on: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        guard bind(socket, info.ai_addr, info.ai_addrlen) == 0 else { return .failure(problem(errno, host: host, port: port)) }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { return .failure(problem(errno, host: host, port: port)) }
        let family = Int32(storage.ss_family)
        let bound = withUnsafePointer(to: &storage) { pointer -> Int? in
            switch family {
            case AF_INET: return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            case AF_INET6: return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            default: return nil
            }
        }
        return bound.map { .success($0) } ?? .failure(PortProblem(message: "cannot tell which port \(host) gave", notes: []))
    }

    private static func problem(_ code: Int32, host: String, port: Int) -> PortProblem {
        switch code {
        case EADDRINUSE:
            return PortProblem(message: "port \(port) on \(host) is already in use (another 'hub serve' or another program)",
                               notes: ["choose another with --port, or --port 0 for any free one"])
        case EACCES:
            return PortProblem(message: "port \(port) needs administrator rights", notes: ["use a port above 1023, such as the default 8080"])
        case EADDRNOTAVAIL:
            return PortProblem(message: "\(host) is not an address of this computer", notes: ["use 127.0.0.1, or 0.0.0.0 to listen on every network"])
        default:
            return PortProblem(message: "cannot listen on \(host) port \(port): \(String(cString: strerror(code)))", notes: [])
        }
    }
}
