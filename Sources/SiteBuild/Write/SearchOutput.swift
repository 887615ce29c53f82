import Foundation
import SearchIndex
import SiteModel

/// Writes `search/`: the index built from every article's words, and the client script
/// from the SearchIndex package (never from Templates/, so a theme edit cannot break it).
struct SearchOutput: Sendable {
    let synonyms: [[String]]
    let topics: [Topic]
    let jobs: Int

    /// The search files, as made or as kept.
    enum Files: Sendable {
        /// The client's files, then the index's, and what they were made from.
        case made([(path: String, data: Data)], Fingerprint?)
        /// Kept from the build before last: made from exactly these words.
        case kept([String])
    }

    /// Every file: the client's, then the index's; none made if `sink` still has them all
    /// as made from these words.
    func files(_ articles: [ArticleWords], keptIn sink: some OutputSink) throws -> Files {
        let fingerprint = sink.keepsPages ? self.fingerprint(articles) : nil
        if let fingerprint, let paths = sink.reuse(group: fingerprint) { return .kept(paths) }
        return .made(try files(articles), fingerprint)
    }

    /// Every file: the client's, then the index's.
    func files(_ articles: [ArticleWords]) throws -> [(path: String, data: Data)] {
        let builder = SearchIndexBuilder(configuration: .init(synonyms: synonyms, topics: topics.map { ($0.slug, $0.title) }),
                                         jobs: jobs)
        return try Self.clientFiles() + builder.build(articles)
    }

    /// Everything the index is made from: each article's words and what results show,
    /// the synonyms, the topics, and the program that makes it.
    func fingerprint(_ articles: [ArticleWords]) -> Fingerprint {
        Fingerprint { hasher in
            hasher.combine(0x5EA2C4)
            hasher.combine(ExecutableIdentity.fingerprint)
            hasher.combine(synonyms.count)
            for group in synonyms {
                hasher.combine(group.count)
                for word in group { hasher.combine(word) }
            }
            hasher.combine(topics.count)
            for topic in topics {
                hasher.combine(topic.slug)
                hasher.combine(topic.title)
            }
            hasher.combine(articles.count)
            for article in articles {
                let display = article.display
                for text in [display.url, display.title, display.summary] { hasher.combine(text) }
                hasher.combine(display.topics.count)
                for topic in display.topics { hasher.combine(topic) }
                hasher.combine(display.headings.count)
                for heading in display.headings {
                    hasher.combine(heading.text)
                    hasher.combine(heading.id)
                }
                let counted = article.counted
                counted.wordBytes.withUnsafeBytes { hasher.combine($0) }
                counted.wordEnds.withUnsafeBytes { hasher.combine($0) }
                counted.fieldCounts.withUnsafeBytes { hasher.combine($0) }
            }
        }
    }

    /// The client's script and stylesheet, the only search files a page links to.
    static func clientFiles() throws -> [(path: String, data: Data)] {
        do {
            return try ClientScript.files()
        } catch {
            throw BuildFailure([.error("\(error)")])
        }
    }

    /// Writes `files` (from `files(_:keptIn:)`); returns how many there are.
    static func write(_ files: Files, to sink: some OutputSink) throws -> Int {
        switch files {
        case let .kept(paths): return paths.count
        case let .made(files, fingerprint): return try write(files, to: sink, madeFrom: fingerprint)
        }
    }

    /// Writes `files` (from `files(_:)`); returns how many.
    static func write(_ files: [(path: String, data: Data)], to sink: some OutputSink, madeFrom fingerprint: Fingerprint? = nil) throws -> Int {
        var diagnostics: [Diagnostic] = []
        for file in files {
            do { try sink.write(file.path, file.data, madeFrom: fingerprint) } catch {
                diagnostics.append(.error("could not write \(file.path): \(error.localizedDescription)"))
            }
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return files.count
    }
}
