import Dispatch

/// Work started on another thread at once and collected later with `value()`, so one
/// build stage can run beside the next.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the worker before `done` is signalled; read only after waiting.
    private var result: Result<Value, Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    /// Waits for the work and returns what it returned, or throws what it threw.
    func value() throws -> Value {
        done.wait()
        defer { done.signal() }
        return try result!.get()
    }
}
