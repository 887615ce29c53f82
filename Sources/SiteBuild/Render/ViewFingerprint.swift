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
        case Kinds.string: return combineText(value as! String)
        case Kinds.text: return combineText((value as! TextValue).text)
        case Kinds.bool:
            combine(2)
            combine((value as! Bool) ? 1 : 0)
        case Kinds.int:
            combine(3)
            combine(value as! Int)
        case Kinds.node: return combine(node: value as! ViewNode)
        case Kinds.nodes: return combine(list: value as! [ViewNode]) { $0.combine(node: $1) }
        case Kinds.context: return combine(object: value as! [String: Any]) { $0.combine(view: $1) }
        case Kinds.contexts:
            return combine(list: value as! [[String: Any]]) { $0.combine(object: $1) { $0.combine(view: $1) } }
        // Text-only objects (the A–Z's 20,000 entries) as the general kinds would take them,
        // without first converting each to `[String: Any]`.
        case Kinds.texts: return combine(object: value as! [String: String]) { $0.combineText($1) }
        case Kinds.textLists:
            return combine(list: value as! [[String: String]]) { $0.combine(object: $1) { $0.combineText($1) } }
        default:
            // The rarer shapes (a list of mixed values, say), as `ViewNode.wrap` reads them.
            switch value {
            case let object as [String: Any]: return combine(object: object) { $0.combine(view: $1) }
            case let list as [Any]: return combine(list: list) { $0.combine(view: $1) }
            default: return false
            }
        }
        return true
    }

    /// A node (an object the templates see) goes in as its own fingerprint, kept or not.
    private mutating func combine(node: ViewNode) -> Bool {
        guard let fingerprint = node.fingerprint?.value ?? ViewFingerprint.of(node.values) else { return false }
        combine(6)
        combine(fingerprint)
        return true
    }

    /// Text, and `combineText` of any text-only object's values.
    private mutating func combineText(_ text: String) -> Bool {
        combine(1)
        combine(text)
        return true
    }

    /// An object: each entry hashed on its own and the results summed, so order is no matter.
    private mutating func combine<Value>(object: [String: Value], _ combineValue: (inout FingerprintHasher, Value) -> Bool) -> Bool {
        var high: UInt64 = 0, low: UInt64 = 0
        for (key, value) in object {
            var entry = FingerprintHasher()
            entry.combine(key)
            guard combineValue(&entry, value) else { return false }
            let fingerprint = entry.finish()
            high &+= fingerprint.high
            low &+= fingerprint.low
        }
        combine(4)
        combine(object.count)
        combine(Fingerprint(high: high, low: low))
        return true
    }

    /// A list, in order.
    private mutating func combine<Item>(list: [Item], _ combineItem: (inout FingerprintHasher, Item) -> Bool) -> Bool {
        combine(5)
        combine(list.count)
        for item in list {
            guard combineItem(&self, item) else { return false }
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
