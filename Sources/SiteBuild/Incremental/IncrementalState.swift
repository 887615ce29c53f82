import Foundation
import SearchIndex
import SiteModel

extension IncrementalBuild {
    /// One good build, kept whole so the next rebuild can start from it.
    struct State: Sendable {
        var loaded: LoadedSite
        var setup: SiteSetup
        /// Every parsed article and page, published or not, by source path.
        var documents: [String: SourceDocument]
        var content: SiteContent
        var graph: SiteGraph
        var renderer: PageRenderer
        /// The language guide the content checks read (Content/data/language-guide.tsv).
        let guide: LanguageGuide
        /// Content-check errors and warnings per published document (language, readability,
        /// trust, safe messaging). A rebuild re-runs them only for the documents it parsed again.
        var checkDiagnostics: [String: [Diagnostic]] = [:]
        /// The paths in `checkDiagnostics`, sorted, and all their diagnostics in that order:
        /// kept up to date as documents are rechecked, because sorting and copying 10,000
        /// documents' findings on every save cost more than the rest of a body edit.
        private var checkedPaths: [String] = []
        private var checkWarnings: [Diagnostic] = []
        /// Each published document's rendered body and what its links need checked.
        var bodies: [String: BodyRenderer.Outcome] = [:]
        /// Each article's words for the search index.
        var searchWords = PerDocument<ArticleWords>()
        var plan = OutputPlan.empty
        var dependencies = DependencyGraph()
        /// Links between documents, kept so a rebuild re-checks only what it touched.
        var links = LinkIndex()
        /// Markdown links to site paths (`/media/poster.png`, `/topics/`) that name no file the
        /// site plans, per document. A full build finds them in the written pages' HTML; the
        /// preview checks each rendered body's links against its plan instead.
        private var missingSitePaths: [String: [Diagnostic]] = [:]
        /// The shared partials' output: when it changes, every page changes.
        var sharedFingerprint: String
        let selection: ContentResolver.Selection
        let today: Day

        init(loaded: LoadedSite, setup: SiteSetup, documents: [String: SourceDocument], options: BuildOptions) throws {
            self.loaded = loaded
            self.setup = setup
            self.documents = documents
            selection = .init(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture, today: options.today)
            today = options.today
            content = try Self.resolve(documents, setup: setup, selection: selection)
            graph = SiteGraph(content: content)
            renderer = PageRenderer(graph: graph, templates: setup.templates, today: today)
            guide = try loaded.languageGuide.map { try LanguageGuide.read($0).get() } ?? .empty
            sharedFingerprint = renderer.sharedFingerprint
            recheck(content.documents.map(\.path), jobs: options.jobs)
        }

        /// The findings the preview shows beside its pages: every content-check error and
        /// warning, and the urgent-help contacts' verification dates. They never stop the
        /// preview from serving; `hub build` is where errors fail.
        var warnings: [Diagnostic] {
            let contacts = TrustCheck(today: today, settings: content.config.checks)
                .findings(for: content.contacts, file: loaded.crisisContacts)
            let contactWarnings = contacts.filter { $0.severity != .info }.map(\.diagnostic)
            let links = missingSitePaths.keys.sorted().flatMap { missingSitePaths[$0] ?? [] }
            return links.isEmpty && contactWarnings.isEmpty ? checkWarnings : checkWarnings + links + contactWarnings
        }

        /// Checks the site-path links in the bodies of `paths` (all documents when nil)
        /// against the output plan, with the messages a full build gives.
        mutating func checkSitePaths(of paths: [String]? = nil) {
            let chosen = paths ?? Array(bodies.keys)
            let published = content.documentsByPath
            for path in chosen {
                guard let outcome = bodies[path], let document = published[path] else {
                    missingSitePaths[path] = nil
                    continue
                }
                let found = outcome.links.markdownLinks.compactMap { link -> Diagnostic? in
                    guard case let .siteAbsolute(target, _) = LinkTarget(link.destination, from: path) else { return nil }
                    let resolved = String(target.drop { $0 == "/" })
                    guard GeneratedLinkCheck.file(resolved, in: { plan.entries[$0] != nil || Self.searchClientPaths.contains($0) }) == nil
                    else { return nil }
                    let problem = GeneratedLinkCheck.missingFile(resolved)
                    return BodyRenderer.error(problem.message(link.destination), at: link, in: document, notes: problem.notes)
                }
                missingSitePaths[path] = found.isEmpty ? nil : found
            }
        }

        /// The search client's files, which every build writes beside the planned outputs.
        private static let searchClientPaths = Set(((try? SearchOutput.clientFiles()) ?? []).map(\.path))

        /// What the search index is built from: every published article's words, in the
        /// order a full build reads them. Each article's words are counted once per parse
        /// of it: they come from the document alone, so a body rendered again from the same
        /// document (its links' targets moved) keeps them.
        mutating func searchIndexJob(jobs: Int) -> IncrementalBuild.SearchIndexJob {
            // The bodies hold the latest parse (an edit that changes nothing listed leaves `content` as it was).
            let rendered = content.articles.compactMap { bodies[$0.path]?.rendered }
            let missing = rendered.filter { searchWords[$0.document] == nil }
            for (body, words) in zip(missing, ParallelMap.map(missing, jobs: jobs) { PageWriter.searchWords($0) }) {
                searchWords[body.document] = words
            }
            let published = content.documentsByPath
            searchWords.keep { published[$0] != nil }
            return IncrementalBuild.SearchIndexJob(words: rendered.compactMap { searchWords[$0.document] },
                                                   output: SearchOutput(synonyms: setup.synonyms, topics: content.config.topics, jobs: jobs))
        }

        /// Runs the content checks again for the documents at `paths`; those no longer
        /// published lose their findings.
        mutating func recheck(_ paths: some Sequence<String>, jobs: Int) {
            let published = content.documentsByPath
            let targets = Set(paths)
            var changed = false
            for path in targets where published[path] == nil { changed = setCheckDiagnostics([], for: path) || changed }
            // `documents` holds the latest parse; `content` keeps the earlier one when nothing listed changed.
            let chosen = targets.sorted().compactMap { published[$0] == nil ? nil : documents[$0] }
            let checks = ContentChecks(content: content, guide: guide, today: today)
            for outcome in checks.run(chosen, jobs: jobs) {
                changed = setCheckDiagnostics(outcome.findings.filter { $0.severity != .info }.map(\.diagnostic),
                                              for: outcome.document.path) || changed
            }
            if changed {
                checkWarnings = checkedPaths.flatMap { checkDiagnostics[$0] ?? [] }
            }
        }

        /// Records a document's diagnostics; false when they are the ones it had.
        private mutating func setCheckDiagnostics(_ diagnostics: [Diagnostic], for path: String) -> Bool {
            if (checkDiagnostics[path] ?? []) == diagnostics { return false }
            // Binary search for the first path not before `path`.
            var index = 0, end = checkedPaths.count
            while index < end {
                let middle = (index + end) / 2
                if checkedPaths[middle] < path { index = middle + 1 } else { end = middle }
            }
            let present = index < checkedPaths.count && checkedPaths[index] == path
            if diagnostics.isEmpty {
                checkDiagnostics[path] = nil
                if present { checkedPaths.remove(at: index) }
            } else {
                checkDiagnostics[path] = diagnostics
                if !present { checkedPaths.insert(path, at: index) }
            }
            return true
        }

        /// Documents in the order a full build reads them: articles, then pages, by path.
        private static func resolve(_ documents: [String: SourceDocument], setup: SiteSetup,
                                    selection: ContentResolver.Selection) throws -> SiteContent {
            let ordered = documents.values.sorted { ($0.kind == .page ? 1 : 0, $0.path) < ($1.kind == .page ? 1 : 0, $1.path) }
            return try ContentResolver.resolve(config: setup.config, contacts: setup.contacts, documents: ordered,
                                               selection: selection).get()
        }

        /// Published content, graph and page renderer after an edit, worked out beside the state.
        struct Resolved {
            let content: SiteContent
            let graph: SiteGraph
            let renderer: PageRenderer
            /// The documents whose neighbours or related articles were worked out again;
            /// nil when everything was.
            let affected: Set<String>?
        }

        /// Content, graph and renderer with the documents in `changed` (nil: deleted), of
        /// which those at `regraphed` changed what is listed or related. Patched from the
        /// current ones when the edit moved no URL and changed nothing published (nearly
        /// every front-matter edit: a title, a summary, topics, review dates); worked out
        /// afresh otherwise.
        private func resolved(with changed: [String: SourceDocument?], regraphed: Set<String>, jobs: Int) throws -> Resolved {
            let edited = regraphed.sorted().compactMap { changed[$0] ?? nil }
            if edited.count == regraphed.count, let patched = ContentResolver.update(content, with: edited, selection: selection) {
                let next = try patched.get()
                if let (graph, affected) = graph.updated(content: next, changed: regraphed, jobs: jobs) {
                    let renderer = graph.topicCounts == self.graph.topicCounts ? renderer.with(graph: graph)
                        : PageRenderer(graph: graph, templates: setup.templates, today: today)
                    return Resolved(content: next, graph: graph, renderer: renderer, affected: affected)
                }
            }
            var all = documents
            for (path, document) in changed { all[path] = document }
            let content = try Self.resolve(all, setup: setup, selection: selection)
            let graph = SiteGraph(content: content, jobs: jobs, previous: graph)
            return Resolved(content: content, graph: graph, renderer: PageRenderer(graph: graph, templates: setup.templates, today: today),
                            affected: nil)
        }

        /// Re-checks the links of the documents in `changed` and of those linking to them,
        /// then throws every broken link in the site. Checking all 10,000 bodies again would
        /// cost more than the rest of a one-article rebuild.
        mutating func checkLinks(changed: some Sequence<String>) throws {
            let update = links.update(changed: changed, bodies: { bodies[$0] })
            links.apply(update)
            if !update.allProblems.isEmpty { throw BuildFailure(update.allProblems) }
        }

        /// Plans the outputs again (if `documents` is given, only their pages and the pages
        /// listing the documents at `listed`) and records what each reads; returns the outputs whose inputs
        /// differ from what they read before.
        @discardableResult
        mutating func replan(documents: Set<String>? = nil, listed: Set<String> = []) -> Set<String> {
            let linkedPaths = { [bodies] (path: String) in bodies[path]?.links.linkedPaths ?? [] }
            var planned: Set<String>?
            if let documents {
                planned = plan.update(graph: graph, linkedPaths: linkedPaths, documents: documents, listed: listed)
            } else {
                plan = OutputPlan(graph: graph, assets: setup.assets, linkedPaths: linkedPaths, searchPage: setup.templates.has("search"))
            }
            let changed = plan.changedOutputs(since: dependencies, among: planned)
            plan.record(in: &dependencies, only: planned)
            return changed
        }

        /// Templates and assets read again from `files`; pages are not rendered here.
        mutating func reloadTemplates(files: SiteFiles, options: BuildOptions) throws {
            let setupFiles = SiteFiles(files.files.filter {
                !$0.key.hasPrefix(ContentLoader.articlesFolder) && !$0.key.hasPrefix(ContentLoader.pagesFolder)
            })
            let partial = try ContentLoader.load(setupFiles, jobs: options.jobs).get()
            loaded.templates = partial.templates
            loaded.assets = partial.assets
            loaded.media = partial.media
            setup = try SiteSetup.read(loaded, baseURL: options.baseURL).get()
            renderer = PageRenderer(graph: graph, templates: setup.templates, today: today)
            sharedFingerprint = renderer.sharedFingerprint
            replan()
        }

        /// What parsing edited files again found.
        struct Parsed {
            /// The documents parsed again by source path (nil: deleted).
            var changed: [String: SourceDocument?] = [:]
            /// Those whose front matter changed (or that are new or gone): what other pages
            /// show of them, and where they sort, may differ.
            var listingChanged: Set<String> = []
            /// Those whose words for related articles (title, summary, the start of the
            /// body) changed: other articles' related lists may differ.
            var termsChanged: Set<String> = []

            /// The documents whose change reaches the graph of related articles and lists.
            var regraphed: Set<String> { listingChanged.union(termsChanged) }
        }

        /// The documents at `paths` parsed again, and what changed in them. Changes nothing,
        /// so a failure leaves the state as it was.
        func parse(_ paths: [String], files: SiteFiles) throws -> Parsed {
            var parsed = Parsed()
            var diagnostics: [Diagnostic] = []
            for path in paths.sorted() {
                guard let data = files[path] else { parsed.changed[path] = .some(nil); continue }
                switch ContentLoader.decode(data, path: path) {
                case let .failure(diagnostic): diagnostics.append(diagnostic)
                case let .success(text):
                    let kind: DocumentKind = path.hasPrefix(ContentLoader.articlesFolder) ? .article : .page
                    switch FrontMatterParser.parse(text, kind: kind) {
                    case let .success(document): parsed.changed[path] = document
                    case let .failure(failure): diagnostics += failure.diagnostics
                    }
                }
            }
            guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
            for (path, new) in parsed.changed {
                switch (documents[path], new) {
                case (nil, nil): continue
                case let (old?, new?):
                    if old.frontMatterText != new.frontMatterText {
                        parsed.listingChanged.insert(path)
                    } else if new.kind == .article,
                              !TextSimilarity.frequentTerms(in: old).elementsEqual(TextSimilarity.frequentTerms(in: new), by: ==) {
                        parsed.termsChanged.insert(path)
                    }
                default: parsed.listingChanged.insert(path)
                }
            }
            return parsed
        }

        /// What `update` did.
        struct Update {
            /// The outputs to render now.
            var dirty: Set<String> = []
            var removed: [String] = []
            var bodies = 0
            /// Outputs that changed but were left for `render` later (`deferring`).
            var deferred: Set<String> = []
        }

        /// Re-reads the documents at `paths` from `files` and works out which outputs read
        /// them, for the caller to render. `deferring`: only the changed documents' own pages
        /// are to be rendered now; the other outputs (topic lists, the A–Z, the sitemap,
        /// neighbours) are returned as deferred.
        ///
        /// Everything that can fail is worked out before the state changes: a failure leaves
        /// it as it was, so the caller need not keep a copy (copying its 10,000-entry tables,
        /// and freeing the copy, cost more than the rest of a one-article rebuild).
        mutating func update(documents paths: [String], files: SiteFiles, options: BuildOptions,
                             deferring: Bool = false) throws -> Update {
            let parsed = try parse(paths, files: files)
            let changed = parsed.changed
            let resolved = parsed.regraphed.isEmpty ? nil : try resolved(with: changed, regraphed: parsed.regraphed, jobs: options.jobs)
            let published = (resolved?.content ?? content).documentsByPath
            var bodiesToRender = Set(changed.keys)
            var unpublished: Set<String> = []
            if let resolved {
                // A patched graph means the same documents are published, at the same URLs.
                if resolved.affected == nil {
                    unpublished = Set(bodies.keys.filter { published[$0] == nil })
                    bodiesToRender.formUnion(published.keys.filter { bodies[$0] == nil })
                }
                // Bodies that link to a changed document: its URL or existence may differ now.
                for (path, outcome) in bodies where !parsed.listingChanged.isDisjoint(with: outcome.links.linkedPaths) {
                    bodiesToRender.insert(path)
                }
            }
            bodiesToRender = bodiesToRender.filter { published[$0] != nil }
            let renderer = BodyRenderer(content: resolved?.content ?? content)
            let chosen = bodiesToRender.sorted().compactMap { path -> SourceDocument? in
                if let parsedAgain = changed[path] { return parsedAgain }
                return documents[path]
            }
            var newBodies: [String: BodyRenderer.Outcome] = [:]
            for outcome in ParallelMap.map(chosen, jobs: options.jobs, { renderer.render($0) }) { newBodies[outcome.links.path] = outcome }
            let linkUpdate = links.update(changed: bodiesToRender.union(unpublished), bodies: { path in
                newBodies[path] ?? (unpublished.contains(path) ? nil : bodies[path])
            })
            if !linkUpdate.allProblems.isEmpty { throw BuildFailure(linkUpdate.allProblems) }

            // Nothing below fails: the state changes from here on.
            var dirty = dependencies.outputs(reading: changed.keys.map { BuildInput.body($0) })
            // The outputs that showed the changed documents, before the plan moves on.
            dirty.formUnion(dependencies.outputs(reading: parsed.listingChanged.map { BuildInput.listing($0) }))
            for (path, document) in changed { documents[path] = document }
            for path in unpublished { bodies[path] = nil }
            for (path, outcome) in newBodies { bodies[path] = outcome }
            links.apply(linkUpdate)
            var removed: [String] = []
            if let resolved {
                let before = (fingerprint: sharedFingerprint, counts: graph.topicCounts, published: content.documents.count,
                              outputs: resolved.affected == nil ? Set(plan.entries.keys) : [])
                content = resolved.content
                graph = resolved.graph
                self.renderer = resolved.renderer
                dirty.formUnion(replan(documents: resolved.affected?.union(bodiesToRender), listed: parsed.regraphed))
                // The shared partials show only the configuration and topic counts.
                if resolved.affected == nil || before.counts != graph.topicCounts { sharedFingerprint = self.renderer.sharedFingerprint }
                dirty.formUnion(bodiesToRender.compactMap { published[$0]?.sitePath.filePath })
                if before.counts != graph.topicCounts || before.published != content.documents.count {
                    dirty.formUnion(dependencies.outputs(reading: [.documentSet]))
                }
                if before.fingerprint != sharedFingerprint { dirty.formUnion(plan.entries.keys) }
                removed = Array(before.outputs.subtracting(plan.entries.keys))
                dirty = dirty.filter { plan.entries[$0] != nil }
            }
            recheck(changed.keys, jobs: options.jobs)
            // When what is published changed, any page's links may have lost their target.
            checkSitePaths(of: resolved != nil && resolved?.affected == nil ? nil : Array(bodiesToRender.union(unpublished)))
            var result = Update(dirty: dirty, removed: removed.sorted(), bodies: bodiesToRender.count)
            if deferring {
                result.deferred = dirty.filter { output in
                    guard case let .document(source)? = plan.entries[output]?.kind else { return true }
                    return changed[source] == nil
                }
                result.dirty.subtract(result.deferred)
            }
            return result
        }

        /// Renders `outputs` from the kept bodies and graph.
        func render(_ outputs: Set<String>, jobs: Int) throws -> [String: Data] {
            let paths = outputs.sorted()
            let feeds = SiteFeeds(graph: graph)
            let results = ParallelMap.map(paths, jobs: jobs) { path -> Result<Data, Diagnostic>? in
                guard let entry = plan.entries[path] else { return nil }
                return make(entry.kind, feeds: feeds)
            }
            var written: [String: Data] = [:]
            var diagnostics: [Diagnostic] = []
            for (path, result) in zip(paths, results) {
                switch result {
                case let .success(data)?: written[path] = data
                case let .failure(diagnostic)?: diagnostics.append(diagnostic)
                case nil: break
                }
            }
            guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
            return written
        }

        private func make(_ kind: OutputPlan.Kind, feeds: SiteFeeds) -> Result<Data, Diagnostic> {
            func page(_ output: PageWriter.Output) -> Result<Data, Diagnostic> { renderer.render(output).map(\.data) }
            switch kind {
            case let .document(path):
                guard let outcome = bodies[path] else { return .failure(.error("\(path) was not rendered", at: SourceLocation(path: path))) }
                return page(.document(outcome.rendered))
            case .home: return page(.home)
            case let .topic(slug):
                guard let topic = content.config.topics.first(where: { $0.slug == slug }) else {
                    return .failure(.error("topic '\(slug)' is not declared", at: SourceLocation(path: ContentLoader.siteConfigPath)))
                }
                return page(.topic(topic))
            case .topicsIndex: return page(.topicsIndex)
            case .notFound: return page(.notFound)
            case .search: return page(.search)
            case let .redirect(from, to): return page(.redirect(from: from, to: to))
            case .sitemap: return .success(Data(feeds.sitemap().utf8))
            case .feed: return .success(Data(feeds.atomFeed().utf8))
            case .robots: return .success(Data(feeds.robots().utf8))
            case .securityHeaders: return .success(Data(SecurityHeaders.headersFile.utf8))
            case let .asset(path):
                guard let file = setup.assets.files.first(where: { $0.path == path }) else {
                    return .failure(.error("\(path) is missing", at: SourceLocation(path: path)))
                }
                return .success(file.data)
            }
        }
    }
}

/// Which documents link to which (with a `#fragment`, the links whose heading must
/// exist), and the broken links found, by source document.
struct LinkIndex: Sendable {
    var outgoing: [String: Set<String>] = [:]
    var incoming: [String: Set<String>] = [:]
    var problems: [String: [Diagnostic]] = [:]

    /// New entries for some documents, worked out before any is stored.
    struct Update {
        var outgoing: [String: Set<String>] = [:]
        var incomingRemoved: [(target: String, source: String)] = []
        var incomingAdded: [(target: String, source: String)] = []
        var problems: [String: [Diagnostic]] = [:]
        /// Every broken link in the site once this update is applied.
        var allProblems: [Diagnostic] = []
    }

    /// The documents in `changed` (their new bodies from `bodies`, nil if no longer
    /// published) and those linking to them, checked again.
    func update(changed: some Sequence<String>, bodies: (String) -> BodyRenderer.Outcome?) -> Update {
        var update = Update()
        var affected: Set<String> = []
        var changedSet: Set<String> = []
        for source in changed {
            changedSet.insert(source)
            affected.insert(source)
            affected.formUnion(incoming[source] ?? [])
            for target in outgoing[source] ?? [] { update.incomingRemoved.append((target, source)) }
            let targets = Set(bodies(source)?.links.crossLinks.map(\.target) ?? [])
            update.outgoing[source] = targets
            for target in targets { update.incomingAdded.append((target, source)) }
        }
        for source in affected {
            update.problems[source] = bodies(source).map { outcome in
                BodyRenderer.problems(of: outcome.links, headingIDs: { bodies($0)?.links.headingIDs },
                                      headingSet: { bodies($0).map { Set($0.links.headingIDs) } })
            } ?? []
        }
        update.allProblems = problems.filter { update.problems[$0.key] == nil }.values.flatMap { $0 }
            + update.problems.values.flatMap { $0 }
        return update
    }

    mutating func apply(_ update: Update) {
        for (target, source) in update.incomingRemoved { incoming[target]?.remove(source) }
        for (target, source) in update.incomingAdded { incoming[target, default: []].insert(source) }
        for (source, targets) in update.outgoing { outgoing[source] = targets.isEmpty ? nil : targets }
        for (source, list) in update.problems { problems[source] = list.isEmpty ? nil : list }
    }
}

extension SiteGraph {
    /// How many articles each topic lists, which shared parts of every page show.
    var topicCounts: [String: Int] { articlesByTopic.mapValues(\.count) }
}

extension SourceDocument {
    /// The front matter as written: equal text means equal listings elsewhere.
    var frontMatterText: Substring { text[..<body.startIndex] }
}
