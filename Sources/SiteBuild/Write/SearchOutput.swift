import Foundation
import SearchIndex
import SiteModel

/// Writes `search/`: the index built from every article's words, and the client script
/// from the SearchIndex package (never from Templates/, so a theme edit cannot break it).
struct SearchOutput: Sendable {
    let synonyms: [[String]]
    let topics: [Topic]
    let jobs: Int

    /// Every file: the client's, then the index's.
    func files(_ articles: [ArticleWords]) throws -> [(path: String, data: Data)] {
        let builder = SearchIndexBuilder(configuration: .init(synonyms: synonyms, topics: topics.map { ($0.slug, $0.title) }),
                                         jobs: jobs)
        return try Self.clientFiles() + builder.build(articles)
    }

    /// The client's script and stylesheet, the only search files a page links to.
    static func clientFiles() throws -> [(path: String, data: Data)] {
        do {
            return try ClientScript.files()
        } catch {
            throw BuildFailure([.error("\(error)")])
        }
    }

    /// Writes `files` (from `files(_:)`); returns how many.
    static func write(_ files: [(path: String, data: Data)], to sink: some OutputSink) throws -> Int {
        var diagnostics: [Diagnostic] = []
        for file in files {
            do { try sink.write(file.path, file.data) } catch {
                diagnostics.append(.error("could not write \(file.path): \(error.localizedDescription)"))
            }
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return files.count
    }
}
