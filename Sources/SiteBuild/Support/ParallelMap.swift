import Dispatch
import Foundation

/// Maps over an array on `jobs` threads, keeping the input order.
///
/// Work is handed out one element at a time from a shared counter, so a few large
/// articles do not leave one worker idle. Results land in their own slots: no locks on
/// the hot path, and the output is the same whatever the scheduling.
enum ParallelMap {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], jobs: Int,
                                                       _ transform: @Sendable (Input) -> Output) -> [Output] {
        let workers = max(1, min(jobs, inputs.count))
        if workers == 1 { return inputs.map(transform) }
        let slots = Slots<Output>(count: inputs.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.increment()
                guard index < inputs.count else { return }
                slots.store(transform(inputs[index]), at: index)
            }
        }
        return slots.values()
    }

    /// The number of cores, the default for `--jobs`.
    static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Write-once storage; each index is written by exactly one worker.
private final class Slots<Value>: @unchecked Sendable {
    // A raw buffer rather than an array: concurrent writes to distinct elements of a Swift
    // array property would trip the runtime's exclusivity checks.
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func store(_ value: Value, at index: Int) { storage[index] = value }

    func values() -> [Value] { (0..<count).compactMap { storage[$0] } }
}

/// A lock-protected counter handing out the next index.
private final class Counter: @unchecked Sendable {
    private var value = -1
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
