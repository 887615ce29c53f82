import Foundation
import SiteBuild
import SiteModel

/// Keeps the served site in step with the files: builds once, then applies each batch of
/// changed files as an incremental rebuild, updates the store, and tells browsers.
public final class PreviewSession: @unchecked Sendable {
    /// What happened, for the terminal.
    public enum Event: Sendable {
        case built(IncrementalBuild.Rebuild, milliseconds: Int, changed: [String])
        case failed([Diagnostic], milliseconds: Int, changed: [String])
        /// The pages a rebuild deferred, rendered after the reload.
        case settled(files: Int, milliseconds: Int)
    }

    public let root: URL
    public let store = SiteStore()
    public let broadcaster = ReloadBroadcaster()
    private let build: IncrementalBuild
    private let report: @Sendable (Event) -> Void
    private let lock = NSLock()
    /// Where the search index is built, one at a time.
    private let searchQueue = DispatchQueue(label: "hub.preview.search")
    /// Counts search refreshes asked for (under `lock`), so only the newest is served.
    private var searchGeneration = 0

    public init(root: URL, options: BuildOptions, report: @escaping @Sendable (Event) -> Void) {
        self.root = root
        self.report = report
        build = IncrementalBuild(files: SiteFiles.read(root: root), options: options)
    }

    /// The first, full build. A failure is reported and shown like any other: the preview
    /// still starts, and the first good rebuild fills the site.
    public func start() {
        run(changed: []) { try build.buildAll() }
    }

    /// The content register (`hub check --report`) for the files as they are now: every
    /// check run afresh, so it takes as long as `hub check`.
    public func contentRegister() -> String {
        lock.lock()
        defer { lock.unlock() }
        return ContentRegister.html(SiteBuilder(options: build.options).check(build.files))
    }

    /// Reads the changed files again and rebuilds what they affect.
    public func filesChanged(_ paths: Set<String>) {
        let relevant = paths.filter { ChangeScope.of($0) != .ignored }.sorted()
        guard !relevant.isEmpty else { return }
        var changes: [String: Data?] = [:]
        var unreadable: [SiteFiles.Unreadable] = []
        for path in relevant {
            switch SiteFiles.readOne(root: root, relative: path) {
            case nil: changes[path] = .some(nil)
            case let .success(data)?: changes[path] = data
            case let .failure(problem)?: unreadable.append(problem)
            }
        }
        run(changed: relevant) {
            for problem in unreadable { _ = try? build.applyUnreadable(problem) }
            return try build.apply(changes, deferringListings: true)
        }
    }

    private func run(changed: [String], _ work: () throws -> IncrementalBuild.Rebuild) {
        lock.lock()
        defer { lock.unlock() }
        let start = ContinuousClock.now
        var succeeded = false
        var deferred: Set<String> = []
        do {
            let rebuild = try work()
            let elapsed = Self.milliseconds(since: start)
            if rebuild.scope == .ignored, store.diagnostics.allSatisfy({ $0.severity != .error }) { return }
            store.update(written: rebuild.written, removed: rebuild.removed, warnings: rebuild.warnings, unsettled: rebuild.deferred)
            succeeded = true
            deferred = rebuild.deferred
            report(.built(rebuild, milliseconds: elapsed, changed: changed))
        } catch let failure as BuildFailure {
            store.fail(failure.diagnostics)
            report(.failed(failure.diagnostics, milliseconds: Self.milliseconds(since: start), changed: changed))
        } catch {
            let diagnostics = [Diagnostic.error("rebuild failed: \(error)")]
            store.fail(diagnostics)
            report(.failed(diagnostics, milliseconds: Self.milliseconds(since: start), changed: changed))
        }
        broadcaster.send(event: "reload", data: String(store.version))
        if !deferred.isEmpty { renderDeferred() }
        if succeeded { refreshSearch() }
    }

    /// The pages that show an edited article without being its own (topic lists, the A–Z),
    /// rendered after the reload went out: the editor's page comes back first, and a request
    /// for one of these waits for it (`SiteStore.waitUntilSettled`).
    private func renderDeferred() {
        let start = ContinuousClock.now
        do {
            let written = try build.renderDeferred()
            store.settle(written)
            report(.settled(files: written.count, milliseconds: Self.milliseconds(since: start)))
        } catch {
            store.settle([:])
            let diagnostics = (error as? BuildFailure)?.diagnostics ?? [Diagnostic.error("rebuild failed: \(error)")]
            store.fail(diagnostics)
            report(.failed(diagnostics, milliseconds: Self.milliseconds(since: start), changed: []))
            broadcaster.send(event: "reload", data: String(store.version))
        }
    }

    /// The search index, rebuilt after the pages are served and off the rebuild lock: the
    /// next save's rebuild does not wait for it (a second at 10,000 articles). Only the
    /// newest rebuild's index is built and served; an older one still queued is skipped.
    /// A failure leaves the last index in place. Called with the lock held.
    private func refreshSearch() {
        guard let job = build.searchIndexJob() else { return }
        searchGeneration += 1
        let generation = searchGeneration
        searchQueue.async { [self] in
            guard lock.withLock({ searchGeneration == generation }), let files = try? job.run() else { return }
            lock.withLock {
                guard searchGeneration == generation else { return }
                store.update(written: files, removed: build.replaceSearchFiles(with: files), warnings: store.diagnostics)
            }
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
