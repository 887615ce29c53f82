import Mustache

/// An object in the view model as templates see it.
///
/// swift-mustache can read a `[String: Any]` directly, but only through a conditional
/// conformance that the runtime re-checks on every lookup; a concrete `MustacheParent` is
/// several times faster over 10,000 pages.
struct ViewNode: MustacheParent, @unchecked Sendable {
    let values: [String: Any]

    func child(named name: String) -> Any? { values[name] }

    /// Converts nested dictionaries (and lists of them) into nodes and strings into
    /// `TextValue`s, once per page: a `TextValue` is rendered after one dynamic cast, a
    /// `String` after three, and used as a section it is not reflected on with `Mirror`.
    static func wrap(_ value: Any) -> Any {
        switch value {
        case let text as String:
            return TextValue(text: text)
        case is Bool, is Int, is ViewNode, is [ViewNode], is TextValue:
            return value
        case let dictionary as [String: Any]:
            return ViewNode(values: dictionary.mapValues(wrap))
        case let list as [[String: Any]]:
            return list.map { ViewNode(values: $0.mapValues(wrap)) }
        case let list as [Any]:
            return list.map(wrap)
        default:
            return value
        }
    }
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
