import Mustache

/// An object in the view model as templates see it.
///
/// swift-mustache can read a `[String: Any]` directly, but only through a conditional
/// conformance that the runtime re-checks on every lookup; a concrete `MustacheParent` is
/// several times faster over 10,000 pages.
struct ViewNode: MustacheParent, @unchecked Sendable {
    let values: [String: Any]
    /// Worked out once for nodes every page shares (`wrap(_:fingerprinted:)`), so a page's
    /// fingerprint does not hash the urgent-help contacts and topics 10,000 times. Boxed:
    /// a node must stay within an `Any`'s three words, or every one stored in the view
    /// model would take an allocation of its own.
    let fingerprint: KeptFingerprint?

    init(values: [String: Any]) {
        self.values = values
        fingerprint = nil
    }

    private init(values: [String: Any], fingerprinted: Bool) {
        self.values = values
        fingerprint = fingerprinted ? ViewFingerprint.of(values).map(KeptFingerprint.init) : nil
    }

    /// A string is handed over as a `TextValue`: swift-mustache renders one after a single
    /// dynamic cast, but a `String` after four failed casts and `String(describing:)`, and
    /// uses a `String` section with `Mirror`. Converting here, on lookup, covers every
    /// node however it was built, without copying its dictionary.
    func child(named name: String) -> Any? {
        let value = values[name]
        if let text = value as? String { return TextValue(text: text) }
        return value
    }

    /// Converts nested dictionaries (and lists of them) into nodes, once per page; with
    /// `fingerprinted`, each node keeps its fingerprint (for values shared by every page).
    static func wrap(_ value: Any, fingerprinted: Bool = false) -> Any {
        // Leaves are told apart by type identity: each `is` on an `Any` is a runtime cast
        // of about 700 instructions, and a dictionary used to fail six before it matched.
        if passedThrough.contains(ObjectIdentifier(Swift.type(of: value))) { return value }
        let wrapInside = { (value: Any) in wrap(value, fingerprinted: fingerprinted) }
        switch value {
        case let dictionary as [String: Any]:
            return ViewNode(values: dictionary.mapValues(wrapInside), fingerprinted: fingerprinted)
        case let list as [[String: Any]]:
            return list.map { ViewNode(values: $0.mapValues(wrapInside), fingerprinted: fingerprinted) }
        case let list as [Any]:
            return list.map(wrapInside)
        default:
            return value
        }
    }

    /// Values templates read as they are.
    private static let passedThrough: Set<ObjectIdentifier> = [
        ObjectIdentifier(String.self), ObjectIdentifier(Bool.self), ObjectIdentifier(Int.self), ObjectIdentifier(ViewNode.self),
        ObjectIdentifier([ViewNode].self), ObjectIdentifier(TextValue.self),
    ]
}

/// A node's fingerprint, worked out when the node was made.
final class KeptFingerprint: Sendable {
    let value: Fingerprint

    init(_ value: Fingerprint) { self.value = value }
}

/// A string in the view model. Wrapping it keeps swift-mustache from reflecting on it
/// with `Mirror` each time a name is looked up inside `{{#text}}…{{/text}}`, which
/// otherwise costs more than the rest of a page.
struct TextValue: MustacheParent, MustacheCustomRenderable, MustacheTransformable, Sendable {
    let text: String

    func child(named name: String) -> Any? { nil }
    var renderText: String { text }
    var isNull: Bool { false }
    func transform(_ name: String) -> Any? { text.transform(name) }
}
