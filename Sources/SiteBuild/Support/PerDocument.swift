import SiteModel

/// Values worked out from one parsed document, by its source path, each kept with the
/// document it came from. The preview parses an edited file into a new `SourceDocument`
/// object, so a value whose document is still the same object is still right: a rebuild
/// works out only the values of the documents it parsed again.
struct PerDocument<Value: Sendable>: Sendable {
    private var entries: [String: (document: SourceDocument, value: Value)] = [:]

    /// The value worked out from `document` itself; nil if there is none, or it came from
    /// an earlier parse of the same file. Setting nil forgets the file's value.
    subscript(document: SourceDocument) -> Value? {
        get { entries[document.path].flatMap { $0.document === document ? $0.value : nil } }
        set { entries[document.path] = newValue.map { (document, $0) } }
    }

    /// Forgets the values of files `keep` rejects.
    mutating func keep(where keep: (String) -> Bool) {
        entries = entries.filter { keep($0.key) }
    }
}
