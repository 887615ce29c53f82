import Foundation
import SearchIndex
import SiteModel

/// Writes `search/`: the index built from every article's words, and the client script
/// from the SearchIndex package (never from Templates/, so a theme edit cannot break it).
struct SearchOutput: Sendable {
    let synonyms: [[String]]
    let topics: [Topic]
    let jobs: Int

    /// Writes every file; returns how many.
    func write(_ articles: [ArticleWords], to sink: some OutputSink) throws -> Int {
        let client: [(path: String, data: Data)]
        do {
            client = try ClientScript.files()
        } catch {
            throw BuildFailure([.error("\(error)")])
        }
        let builder = SearchIndexBuilder(configuration: .init(synonyms: synonyms, topics: topics.map { ($0.slug, $0.title) }),
                                         jobs: jobs)
        let files = client + builder.build(articles)
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
