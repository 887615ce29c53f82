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
    /// Serves `session` on `host:port` (already chosen, see `freePort`) until `stop`.
    /// `onRunning` gets the URL once the server listens.
    public static func run(session: PreviewSession, host: String, port: Int, stop: StopSignal,
                           onRunning: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "hub.serve")
        logger.logLevel = .warning
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

    /// A free TCP port on `host` (for `--port 0`), so the site's URL is known before the
    /// first build; nil if none could be bound.
    public static func freePort(host: String) -> Int? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "0", &hints, &list) == 0, let info = list?.pointee else { return nil }
        defer { freeaddrinfo(list) }
        let socket = Glibc.socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
        guard bind(socket, info.ai_addr, info.ai_addrlen) == 0 else { return nil }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { return nil }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer -> Int? in
            switch family {
            case AF_INET: return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            case AF_INET6: return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            default: return nil
            }
        }
    }
}
