import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM, caught without a window in which one is lost.
///
/// `install()` blocks both signals for the calling thread and every thread started after
/// it, and one thread of its own waits for them with `sigwait`. A signal that arrives while
/// the first build is still running, or before anyone awaits `wait()`, stays pending until
/// that thread takes it. (Ignoring the signals and listening with a dispatch source left a
/// gap: a Ctrl-C between the two was dropped and the preview never stopped.)
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var received = false
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0

    private init() {}

    /// Call first, before any other thread starts, so that every thread inherits the mask.
    public static func install() -> StopSignal {
        let stop = StopSignal()
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let blocked = signals
        let thread = Thread {
            var pending = blocked
            var number: Int32 = 0
            while sigwait(&pending, &number) != 0 {}
            stop.fire()
        }
        thread.name = "hub.signals"
        thread.start()
        return stop
    }

    /// Returns once SIGINT or SIGTERM has arrived (at once if one already has), or when the
    /// waiting task is cancelled: when the server fails on its own, the task waiting here
    /// beside it must end too, or `hub serve` would hang until Ctrl-C.
    public func wait() async {
        let waiter = lock.withLock {
            defer { nextWaiter += 1 }
            return nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = lock.withLock {
                    // Checked under the lock that `onCancel` takes, so a cancellation that
                    // came before this registration is not missed.
                    guard !received, !Task.isCancelled else { return false }
                    waiters[waiter] = continuation
                    return true
                }
                if !waiting { continuation.resume() }
            }
        } onCancel: {
            lock.withLock { waiters.removeValue(forKey: waiter) }?.resume()
        }
    }

    private func fire() {
        let waiting = lock.withLock {
            received = true
            defer { waiters = [:] }
            return waiters.values
        }
        for continuation in waiting { continuation.resume() }
    }
}
