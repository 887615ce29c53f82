import Foundation
import Logging
import SearchIndex
import SiteModel

/// The build kept alive between edits, for the preview: it holds everything a rebuild
/// can reuse (loaded files, parsed documents, the graph, templates, rendered bodies and
/// which inputs each output read) and, after a change, renders only the outputs that
/// read something that changed.
///
/// Not thread-safe: one rebuild at a time (the preview runs them on one task). A failed
/// rebuild leaves the last good state in place, and the next rebuild starts from it with
/// every change made since.
public final class IncrementalBuild: @unchecked Sendable {
    public let options: BuildOptions
    private let logger: Logger
    /// The site's files as they are now, good or bad.
    public private(set) var files: SiteFiles
    /// The last good build.
    private var state: State?
    /// Paths changed since the last good build: a failed rebuild's changes are retried
    /// with the next one.
    private var pending: [String: ChangeScope] = [:]
    /// The search files last handed out, so a smaller index can say which are gone.
    private var searchPaths: Set<String> = []
    /// Outputs the last rebuild left for `renderDeferred()`.
    private var deferred: Set<String> = []

    /// What one rebuild produced.
    public struct Rebuild: Sendable {
        /// The largest scope among the changes.
        public let scope: ChangeScope
        /// Every output written by this rebuild, by path.
        public fileprivate(set) var written: [String: Data]
        /// Outputs the site no longer has.
        public let removed: [String]
        public let warnings: [Diagnostic]
        /// Documents whose Markdown was rendered again.
        public let bodiesRendered: Int
        /// Outputs that changed but are not in `written` yet: `renderDeferred()` renders them.
        public var deferred: Set<String> = []
    }

    public init(files: SiteFiles, options: BuildOptions, logger: Logger = Logger(label: "hub.preview")) {
        self.files = files
        self.options = options
        self.logger = logger
    }

    /// Builds everything from `files`; the first call, and what a full-scope change runs.
    public func buildAll() throws -> Rebuild {
        let clock = StageClock(logger: logger)
        let loaded = try quoting(nil) { try clock.run("Loaded files") { try ContentLoader.load(files, jobs: options.jobs).get() } }
        return try quoting(loaded) {
            let setup = try SiteSetup.read(loaded, baseURL: options.baseURL).get()
            let inputs = loaded.articles.map { ($0, DocumentKind.article) } + loaded.pages.map { ($0, DocumentKind.page) }
            let parsed = ParallelMap.map(inputs, jobs: options.jobs) { FrontMatterParser.parse($0.0, kind: $0.1) }
            var documents: [String: SourceDocument] = [:]
            var diagnostics: [Diagnostic] = []
            for result in parsed {
                switch result {
                case let .success(document): documents[document.path] = document
                case let .failure(failure): diagnostics += failure.diagnostics
                }
            }
            guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
            var next = try State(loaded: loaded, setup: setup, documents: documents, options: options)
            let bodies = BodyRenderer(content: next.content)
            let rendered = ParallelMap.map(next.content.documents, jobs: options.jobs) { bodies.render($0) }
            for outcome in rendered { next.bodies[outcome.links.path] = outcome }
            try next.checkLinks(changed: Array(next.bodies.keys))
            next.replan()
            next.checkSitePaths()
            let written = try next.render(Set(next.plan.entries.keys), jobs: options.jobs)
            let removed = state.map { Array(Set($0.plan.entries.keys).subtracting(next.plan.entries.keys)) } ?? []
            state = next
            pending = [:]
            deferred = []
            return Rebuild(scope: .full, written: written, removed: removed.sorted(), warnings: next.warnings,
                           bodiesRendered: rendered.count)
        }
    }

    /// The search index for the last good build, all at once (tests, and callers that can
    /// wait): `searchIndexJob()`, run, then `replaceSearchFiles(with:)`.
    public func searchFiles() throws -> (written: [String: Data], removed: [String]) {
        guard let job = searchIndexJob() else { return ([:], []) }
        let files = try job.run()
        return (files, replaceSearchFiles(with: files))
    }

    /// The search index's inputs for the last good build, taken now; the index itself is
    /// built by `SearchIndexJob.run`, which needs nothing of this build and can run beside
    /// the next rebuild. Not part of a rebuild: it reads every article (a second at
    /// 10,000), so the preview brings it up to date after the pages are served and reloaded.
    public func searchIndexJob() -> SearchIndexJob? {
        guard state != nil else { return nil }
        return state!.searchIndexJob(jobs: options.jobs)
    }

    /// Records `files` as the search index now served; returns the earlier index's files
    /// that it no longer has (fewer articles can mean fewer shards).
    public func replaceSearchFiles(with files: [String: Data]) -> [String] {
        let removed = searchPaths.subtracting(files.keys).sorted()
        searchPaths = Set(files.keys)
        return removed
    }

    /// Every article's words, ready to become the search index's files.
    public struct SearchIndexJob: Sendable {
        let words: [ArticleWords]
        let output: SearchOutput

        /// Builds the index's files, as `hub build` writes them under `search/`.
        public func run() throws -> [String: Data] {
            Dictionary(try output.files(words), uniquingKeysWith: { _, last in last })
        }
    }

    /// Applies changed files (nil: deleted) and rebuilds what they affect. Throws
    /// `BuildFailure` with every problem; the last good outputs stay as they were.
    ///
    /// `deferringListings`: when an edit changes front matter, render only the edited
    /// documents' pages now, and leave the other pages that show them (topic lists, the
    /// A–Z, neighbours) in `Rebuild.deferred` for `renderDeferred()`. The preview reloads
    /// the editor's page first and renders the rest straight after, as Hugo's fast render
    /// does. A change before `renderDeferred()` renders the leftovers with it.
    public func apply(_ changes: [String: Data?], deferringListings: Bool = false) throws -> Rebuild {
        // A save that changed nothing (touch, chmod, an editor rewriting the same bytes)
        // rebuilds nothing.
        for (path, data) in changes where files[path] != data || files.unreadable.contains(where: { $0.path == path }) {
            files.replace(path, with: data)
            pending[path] = ChangeScope.of(path)
        }
        let leftovers = try renderDeferred()
        var rebuild = try rebuildPending(deferring: deferringListings)
        // What this rebuild rendered or removed is newer than a leftover.
        let removed = Set(rebuild.removed)
        for (path, data) in leftovers where rebuild.written[path] == nil && !removed.contains(path) {
            rebuild.written[path] = data
        }
        return rebuild
    }

    /// Renders the outputs the last rebuild deferred, from the last good build. Forgets
    /// them even when rendering fails: the pages then stay as they were until an edit
    /// touches them again (only a page that cannot render at all fails here, and the
    /// rebuild that deferred it rendered every template already).
    public func renderDeferred() throws -> [String: Data] {
        guard let state, !deferred.isEmpty else { return [:] }
        // Outputs the site no longer plans are skipped by `render`.
        let outputs = deferred
        deferred = []
        return try quoting(state.loaded) { try state.render(outputs, jobs: options.jobs) }
    }

    /// Records a file that changed but cannot be read; the rebuild reports it.
    public func applyUnreadable(_ problem: SiteFiles.Unreadable) throws -> Rebuild {
        files.markUnreadable(problem)
        pending[problem.path] = .full
        return try rebuildPending()
    }

    private func rebuildPending(deferring: Bool = false) throws -> Rebuild {
        let scope = pending.values.max() ?? .ignored
        guard let loaded = state?.loaded, scope != .full, files.unreadable.isEmpty else { return try buildAll() }
        let documentPaths = pending.filter { $0.value == .documents }.map(\.key)
        switch scope {
        case .ignored:
            pending = [:]
            return Rebuild(scope: .ignored, written: [:], removed: [], warnings: state?.warnings ?? [], bodiesRendered: 0)
        case .documents:
            // Front matter, a body, or the words related articles are chosen by, changed.
            // `update` changes the state only once nothing can fail, so it works on the state
            // itself, held by `next` alone (a second reference would make each table it
            // changes a copy: copying 10,000-entry tables would cost more than the rest of a
            // one-article rebuild).
            var next = state!
            state = nil
            let result: State.Update
            do {
                result = try quoting(loaded) {
                    try next.update(documents: documentPaths, files: files, options: options, deferring: deferring)
                }
            } catch {
                state = next
                throw error
            }
            state = next
            pending = [:]
            deferred = result.deferred
            let written: [String: Data]
            do {
                written = try quoting(loaded) { try next.render(result.dirty, jobs: options.jobs) }
            } catch {
                // Only a page that cannot render at all fails here; the state already holds the
                // edit, so the next rebuild builds everything again rather than trust it.
                for path in documentPaths { pending[path] = .full }
                throw error
            }
            return Rebuild(scope: .documents, written: written, removed: result.removed, warnings: next.warnings,
                           bodiesRendered: result.bodies, deferred: result.deferred)
        case .templates, .full:
            var next = state!
            let result = try quoting(loaded) {
                try next.reloadTemplates(files: files, options: options)
                return documentPaths.isEmpty ? nil : try next.update(documents: documentPaths, files: files, options: options)
            }
            // Media added or removed: every body's links to site paths again.
            next.checkSitePaths()
            // Pages name media by their unchanging names, so a change to media alone writes
            // just those files: at 10,000 articles, milliseconds instead of every page again.
            let mediaOnly = pending.keys.allSatisfy { $0.hasPrefix(ContentLoader.mediaFolder) }
            let outputs = mediaOnly
                ? Set(pending.keys.map { "media/" + $0.dropFirst(ContentLoader.mediaFolder.count) }).intersection(next.plan.entries.keys)
                : Set(next.plan.entries.keys)
            let written = try quoting(next.loaded) { try next.render(outputs, jobs: options.jobs) }
            let removed = Set(state.map { Array($0.plan.entries.keys) } ?? []).subtracting(next.plan.entries.keys)
            state = next
            pending = [:]
            return Rebuild(scope: .templates, written: written, removed: removed.sorted(), warnings: next.warnings,
                           bodiesRendered: result?.bodies ?? 0)
        }
    }

    /// Runs `work`, filling in source lines of the diagnostics it throws.
    private func quoting<T>(_ loaded: LoadedSite?, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let failure as BuildFailure {
            guard let loaded else { throw failure }
            // Diagnostics in changed files quote the new text, not the last good one.
            throw BuildFailure(failure.diagnostics.map { diagnostic in
                guard diagnostic.sourceLine == nil, let location = diagnostic.location, location.line > 0,
                      let data = files[location.path], let text = String(validatingUTF8Data: data) else {
                    return diagnostic.quotingSource(from: loaded)
                }
                return Diagnostic(diagnostic.severity, diagnostic.message, at: location,
                                  sourceLine: SourceText(path: location.path, text: text).line(location.line), notes: diagnostic.notes)
            })
        }
    }

    // MARK: For tests and benchmarks

    /// What each output read at the last good build.
    public var dependencies: DependencyGraph { state?.dependencies ?? DependencyGraph() }

    /// The outputs the last good build planned, by path.
    public var outputPaths: Set<String> { Set(state.map { Array($0.plan.entries.keys) } ?? []) }
}
