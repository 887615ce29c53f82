import Dispatch

/// Frees a value on a background thread. A build ends holding millions of small objects
/// (documents, links, words, findings); freeing them one by one took 0.3 s on the main
/// thread after every file was written, before `hub build` could swap its output in and
/// print its summary.
enum BackgroundRelease {
    /// Takes `value` and lets it go on another thread. The caller must hold no other
    /// reference to it (pass it with `consume`), or the last release stays with the caller.
    static func release<Value: Sendable>(_ value: consuming Value) {
        let owner = Owner(value)
        DispatchQueue.global(qos: .utility).async { owner.drop() }
    }

    /// Holds the value until `drop()`: a closure capturing it directly would release it
    /// when the closure is destroyed, which Dispatch may do on the caller's thread.
    private final class Owner<Held: Sendable>: @unchecked Sendable {
        private var held: Held?

        init(_ held: consuming Held) {
            self.held = consume held
        }

        func drop() {
            held = nil
        }
    }
}
