/// The one analyzer for the index and (through its JavaScript twin) the queries:
/// folded words → stop words dropped → UK/US spelling folded → protected words and domain
/// fixes → Porter2.
///
/// A value type with a cache of the words it has seen: give each thread its own.
public struct Analyzer: Sendable {
    /// Stems that Porter2 gets wrong for this subject, by spelling-folded word. Protected
    /// words keep a stem of their own (medication is not medical, mindfulness is not mind);
    /// the others join words Porter2 keeps apart (anxious ~ anxiety, therapist ~ therapy).
    /// Twin of `FIXES` in Resources/hub-search.js.
    public static let domainFixes: [String: String] = [
        "medication": "medication", "medications": "medication", "medicated": "medication",
        "mindful": "mindful", "mindfulness": "mindful", "mindfully": "mindful",
        "anxious": "anxieti", "anxiously": "anxieti",
        "therapist": "therapi", "therapists": "therapi", "therapeutic": "therapi",
        "psychiatrist": "psychiatri", "psychiatrists": "psychiatri", "psychiatric": "psychiatri",
        "psychological": "psycholog",
        "trauma": "traumat", "traumas": "traumat",
    ]

    private var cache: [String: String] = [:]

    public init() {}

    /// The index term for one folded word, or nil for a stop word.
    public mutating func term(_ word: String) -> String? {
        if let cached = cache[word] { return cached.isEmpty ? nil : cached }
        let result = Self.computeTerm(word)
        if cache.count < 200_000 { cache[word] = result ?? "" }
        return result
    }

    /// The index terms of `text`, in order.
    public mutating func terms(_ text: String) -> [String] {
        var terms: [String] = []
        TextFolding.forEachWord(text) { word in
            if let term = term(word) { terms.append(term) }
        }
        return terms
    }

    static func computeTerm(_ word: String) -> String? {
        if StopWords.list.contains(word) { return nil }
        let spelled = SpellingFolding.fold(word)
        if let fixed = domainFixes[spelled] { return fixed }
        // Porter2 is for English letters; numbers and other scripts are kept as they are.
        guard spelled.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return spelled }
        return Porter2Stemmer.stem(spelled)
    }
}
