import Foundation
import Preview
import Testing

@Suite("Stopping the preview")
struct StopSignalTests {
    /// `install()` blocks SIGINT and SIGTERM for its thread and the threads it starts, so it
    /// runs on a thread of its own here: the test process's other threads keep them.
    private func installed() async -> StopSignal {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: StopSignal.install()) }.start()
        }
    }

    /// When the server fails on its own, the task waiting for Ctrl-C beside it is cancelled
    /// and must end: `hub serve` used to hang after a failed bind until a signal came.
    /// Polled rather than awaited, so a wait that does not end fails the test instead of
    /// hanging it.
    @Test func aCancelledWaitEnds() async throws {
        let stop = await installed()
        let ended = LockedFlag()
        let waiting = Task {
            await stop.wait()
            ended.set()
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(!ended.isSet, "no signal came, so it is still waiting")
        waiting.cancel()
        for _ in 0..<200 where !ended.isSet { try await Task.sleep(for: .milliseconds(25)) }
        #expect(ended.isSet, "the cancelled wait is still waiting")

        // Cancelled before it starts waiting: it does not wait at all.
        let early = LockedFlag()
        Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await stop.wait()
            early.set()
        }
        for _ in 0..<200 where !early.isSet { try await Task.sleep(for: .milliseconds(25)) }
        #expect(early.isSet, "a wait begun after cancellation is still waiting")
    }
}

private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
