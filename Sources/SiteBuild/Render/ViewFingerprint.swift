/// The fingerprint of a page's view model: with the templates' own, it decides whether the
/// page a previous build wrote can stand (`OutputSink.reuse`). Everything a template can
/// read is in the view model, so equal fingerprints mean equal pages.
enum ViewFingerprint {
    /// nil when the view model holds a value of a kind this does not know: such a page is
    /// always rendered, never wrongly reused.
    static func of(_ context: [String: Any]) -> Fingerprint? {
        var hasher = FingerprintHasher()
        return hasher.combine(view: context) ? hasher.finish() : nil
    }
}

extension FingerprintHasher {
    /// Feeds one view-model value, tagged with its kind (so `"1"`, `1` and `true` differ).
    /// An object's entries are combined in no particular order, as a dictionary has none.
    mutating func combine(view value: Any) -> Bool {
        switch ObjectIdentifier(type(of: value)) {
        case Kinds.string: combineTagged(1, value as! String)
        case Kinds.text: combineTagged(1, (value as! TextValue).text)
        case Kinds.bool:
            combine(2)
            combine((value as! Bool) ? 1 : 0)
        case Kinds.int:
            combine(3)
            combine(value as! Int)
        case Kinds.node: return combine(node: value as! ViewNode)
        case Kinds.nodes:
            let nodes = value as! [ViewNode]
            combine(5)
            combine(nodes.count)
            for node in nodes {
                guard combine(node: node) else { return false }
            }
        case Kinds.context: return combine(object: value as! [String: Any])
        case Kinds.contexts:
            let objects = value as! [[String: Any]]
            combine(5)
            combine(objects.count)
            for object in objects {
                guard combine(object: object) else { return false }
            }
        case Kinds.texts: combine(texts: value as! [String: String])
        case Kinds.textLists:
            let objects = value as! [[String: String]]
            combine(5)
            combine(objects.count)
            for object in objects { combine(texts: object) }
        default:
            // The rarer shapes (a list of dictionaries, say), as `ViewNode.wrap` reads them.
            switch value {
            case let object as [String: Any]: return combine(object: object)
            case let list as [Any]: return combine(list: list)
            default: return false
            }
        }
        return true
    }

    /// An object whose values are all text, as `combine(object:)` would take it, without
    /// first converting it to `[String: Any]` (the A–Z's 20,000 entries are such objects).
    private mutating func combine(texts object: [String: String]) {
        var high: UInt64 = 0, low: UInt64 = 0
        for (key, value) in object {
            var entry = FingerprintHasher()
            entry.combine(key)
            entry.combineTagged(1, value)
            let fingerprint = entry.finish()
            high &+= fingerprint.high
            low &+= fingerprint.low
        }
        combine(4)
        combine(object.count)
        combine(Fingerprint(high: high, low: low))
    }

    /// A node (an object the templates see) goes in as its own fingerprint, kept or not.
    private mutating func combine(node: ViewNode) -> Bool {
        guard let fingerprint = node.fingerprint?.value ?? ViewFingerprint.of(node.values) else { return false }
        combine(6)
        combine(fingerprint)
        return true
    }

    private mutating func combineTagged(_ tag: Int, _ text: String) {
        combine(tag)
        combine(text)
    }

    private mutating func combine(object: [String: Any]) -> Bool {
        var high: UInt64 = 0, low: UInt64 = 0
        for (key, value) in object {
            var entry = FingerprintHasher()
            entry.combine(key)
            guard entry.combine(view: value) else { return false }
            let fingerprint = entry.finish()
            high &+= fingerprint.high
            low &+= fingerprint.low
        }
        combine(4)
        combine(object.count)
        combine(Fingerprint(high: high, low: low))
        return true
    }

    private mutating func combine(list: [some Any]) -> Bool {
        combine(5)
        combine(list.count)
        for item in list {
            guard combine(view: item) else { return false }
        }
        return true
    }

    /// Told apart by type identity, as `ViewNode.wrap` does: cheaper than a cast each.
    private enum Kinds {
        static let string = ObjectIdentifier(String.self)
        static let text = ObjectIdentifier(TextValue.self)
        static let bool = ObjectIdentifier(Bool.self)
        static let int = ObjectIdentifier(Int.self)
        static let node = ObjectIdentifier(ViewNode.self)
        static let nodes = ObjectIdentifier([ViewNode].self)
        static let context = ObjectIdentifier([String: Any].self)
        static let contexts = ObjectIdentifier([[String: Any]].self)
        static let texts = ObjectIdentifier([String: String].self)
        static let textLists = ObjectIdentifier([[String: String]].self)
    }
}
