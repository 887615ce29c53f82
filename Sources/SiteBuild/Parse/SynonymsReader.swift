import SearchIndex
import SiteModel
import Yams

/// Reads `Content/data/synonyms.yml`: groups of words and phrases that search treats as
/// the same (`- [CBT, cognitive behavioural therapy]`).
enum SynonymsReader {
    static func read(_ file: SourceText) -> Result<[[String]], BuildFailure> {
        let document = YAMLDocument(file: file)
        var diagnostics: [Diagnostic] = []
        guard let root = document.compose(into: &diagnostics) else {
            if diagnostics.isEmpty { diagnostics.append(.error("synonyms.yml is empty; it must list 'synonyms'", at: file.location())) }
            return .failure(BuildFailure(diagnostics))
        }
        var reader = YAMLReader(document)
        guard let fields = reader.mapping(root, what: "synonyms.yml", schema: .init(required: ["synonyms"], optional: [])) else {
            return .failure(BuildFailure(reader.diagnostics))
        }
        var analyzer = Analyzer()
        let groups = reader.list(fields, "synonyms") { reader, node -> [String]? in
            guard case let .sequence(items) = node else {
                reader.error("each synonym group must be a list like [CBT, cognitive behavioural therapy], not \(YAMLReader.describe(node))", at: node)
                return nil
            }
            var phrases: [String] = []
            var seen: [[String]: String] = [:]
            for item in items {
                guard case let .scalar(scalar) = item, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                    reader.error("each word or phrase in a synonym group must be text, not \(YAMLReader.describe(item))", at: item)
                    continue
                }
                let terms = analyzer.terms(scalar.string)
                if terms.isEmpty {
                    reader.error("'\(scalar.string)' has no searchable words (only stop words like 'the' or 'and')", at: item)
                } else if let earlier = seen[terms] {
                    reader.error("'\(scalar.string)' searches the same as '\(earlier)' in this group", at: item)
                } else {
                    seen[terms] = scalar.string
                    phrases.append(scalar.string)
                }
            }
            if items.count < 2 { reader.error("a synonym group needs at least two words or phrases", at: node) }
            return phrases.count >= 2 ? phrases : nil
        }
        guard reader.diagnostics.isEmpty else { return .failure(BuildFailure(reader.diagnostics)) }
        return .success(groups)
    }
}
