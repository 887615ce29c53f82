import Foundation

/// Fans each rebuild out to every connected browser as a server-sent event.
public final class ReloadBroadcaster: @unchecked Sendable {
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]
    private let lock = NSLock()

    public init() {}

    /// A stream of SSE-formatted messages for one browser; it ends when `finishAll` runs.
    public func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.withLock { listeners[id] = continuation }
        return stream
    }

    /// Sends `event` with `data` to every browser.
    public func send(event: String, data: String) {
        let message = Self.message(event: event, data: data)
        for listener in lock.withLock({ Array(listeners.values) }) { listener.yield(message) }
    }

    /// Ends every stream, so open connections close on shutdown.
    public func finishAll() {
        for listener in lock.withLock({ Array(listeners.values) }) { listener.finish() }
    }

    public var count: Int { lock.withLock { listeners.count } }

    /// `event: reload\ndata: 3\n\n`; data lines may not contain newlines, so each line of
    /// `data` gets its own field.
    static func message(event: String, data: String) -> String {
        "event: \(event)\n" + data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined() + "\n"
    }

    private func remove(_ id: UUID) {
        _ = lock.withLock { listeners.removeValue(forKey: id) }
    }
}
