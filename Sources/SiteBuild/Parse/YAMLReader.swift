import Foundation
import SiteModel
import Yams

/// The keys one YAML mapping may have, and which of them it must have.
struct YAMLSchema: Sendable {
    let allowed: [String]
    let required: Set<String>

    init(required: [String], optional: [String]) {
        self.allowed = required + optional
        self.required = Set(required)
    }
}

/// A mapping that passed its schema check, with where it starts.
struct YAMLMapping {
    let node: Node
    let values: [String: Node]
    let what: String
    let schema: YAMLSchema
}

/// Reads composed YAML strictly into typed values, collecting every problem with its
/// line and column. Yams' own `Decodable` errors carry only a coding path, so we read the
/// node tree ourselves; that also gives us unknown-key errors and real date checks.
struct YAMLReader {
    let document: YAMLDocument
    private(set) var diagnostics: [Diagnostic] = []

    init(_ document: YAMLDocument) {
        self.document = document
    }

    // MARK: Mappings

    /// `node` as a mapping with only `schema`'s keys and all its required ones.
    mutating func mapping(_ node: Node, what: String, schema: YAMLSchema) -> YAMLMapping? {
        guard case let .mapping(mapping) = node else {
            error("\(what) must be a set of 'key: value' lines, not \(Self.describe(node))", at: node)
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            guard schema.allowed.contains(key) else {
                let suggestion = Self.closest(to: key, in: schema.allowed).map { "did you mean '\($0)'?" }
                error("unknown key '\(key)' in \(what)", at: keyNode,
                      notes: (suggestion.map { [$0] } ?? []) + ["allowed keys: \(schema.allowed.joined(separator: ", "))"])
                continue
            }
            values[key] = value
        }
        let missing = schema.allowed.filter { schema.required.contains($0) && values[$0] == nil }
        if !missing.isEmpty {
            // At the start of the mapping, without a caret: no existing line is wrong.
            let start = document.location(of: node)
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.append(.error("\(what) is missing required \(missing.count == 1 ? "key" : "keys") \(names)",
                                      at: SourceLocation(path: start.path, line: start.line)))
        }
        return YAMLMapping(node: node, values: values, what: what, schema: schema)
    }

    // MARK: Scalars

    /// Text; nil (and an error if `required`) when absent or empty.
    mutating func text(_ mapping: YAMLMapping, _ key: String, maximumLength: Int? = nil) -> String? {
        guard let node = mapping.values[key] else { return nil }
        guard case let .scalar(scalar) = node else {
            error("'\(key)' must be text, not \(Self.describe(node))", at: node)
            return nil
        }
        let value = Self.trimmed(scalar.string)
        if value.isEmpty || (scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(value)) {
            if mapping.schema.required.contains(key) {
                error("'\(key)' must not be empty", at: node)
            }
            return nil
        }
        if let maximumLength, value.count > maximumLength {
            error("'\(key)' is \(value.count) characters long; at most \(maximumLength) are allowed", at: node,
                  notes: ["keep it to one or two plain sentences"])
        }
        return value
    }

    /// `text` without white space at either end: the scalars `CharacterSet.whitespacesAndNewlines`
    /// holds (Unicode's White_Space, and U+200B, which Foundation still counts), trimmed here
    /// because Foundation's trimming cost more than reading the rest of an article's front matter.
    static func trimmed(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace || scalar == "\u{200B}" }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// A `YYYY-MM-DD` calendar date that exists.
    mutating func day(_ mapping: YAMLMapping, _ key: String) -> Located<Day>? {
        guard let node = mapping.values[key], let text = text(mapping, key) else { return nil }
        guard let day = Day(iso: text) else {
            let looksLikeDate = text.count == 10 && text.split(separator: "-").count == 3
            error(looksLikeDate ? "'\(key)' is not a real date: '\(text)'" : "'\(key)' must be a date like 2026-03-03, not '\(text)'",
                  at: node)
            return nil
        }
        return Located(day, at: document.location(of: node))
    }

    /// `true` or `false`, nothing looser (YAML 1.1's `yes`/`no`/`on` surprise people).
    mutating func bool(_ mapping: YAMLMapping, _ key: String) -> Bool? {
        guard let node = mapping.values[key], let text = text(mapping, key) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            error("'\(key)' must be true or false, not '\(text)'", at: node)
            return nil
        }
    }

    /// A whole number.
    mutating func integer(_ mapping: YAMLMapping, _ key: String) -> Int? {
        guard let node = mapping.values[key], let text = text(mapping, key) else { return nil }
        guard let value = Int(text) else {
            error("'\(key)' must be a whole number, not '\(text)'", at: node)
            return nil
        }
        return value
    }

    /// One of `allowed`'s raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ mapping: YAMLMapping, _ key: String,
                                                                   as type: Choice.Type) -> Choice? where Choice.RawValue == String {
        guard let node = mapping.values[key], let text = text(mapping, key) else { return nil }
        guard let value = Choice(rawValue: text) else {
            error("'\(key)' must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'", at: node)
            return nil
        }
        return value
    }

    // MARK: Lists

    /// The items of a list, each read by `read`; items that fail are left out.
    mutating func list<Item>(_ mapping: YAMLMapping, _ key: String,
                             _ read: (inout YAMLReader, Node) -> Item?) -> [Item] {
        guard let node = mapping.values[key] else { return [] }
        guard case let .sequence(sequence) = node else {
            if node.scalar?.string.isEmpty == true {
                if mapping.schema.required.contains(key) { error("'\(key)' must have at least one item", at: node) }
                return []
            }
            error("'\(key)' must be a list, with one '- item' per line or [a, b]", at: node)
            return []
        }
        if sequence.isEmpty, mapping.schema.required.contains(key) {
            error("'\(key)' must have at least one item", at: node)
        }
        return sequence.compactMap { read(&self, $0) }
    }

    /// A list of `Choice` raw values (`nations: [england, wales]`).
    mutating func choices<Choice: RawRepresentable & CaseIterable>(_ mapping: YAMLMapping, _ key: String,
                                                                    as type: Choice.Type) -> [Choice] where Choice.RawValue == String {
        list(mapping, key) { reader, node in
            guard let choice = node.scalar.flatMap({ Choice(rawValue: $0.string) }) else {
                reader.error("each item of '\(key)' must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))", at: node)
                return nil
            }
            return choice
        }
    }

    /// A list of texts, each with its location.
    mutating func texts(_ mapping: YAMLMapping, _ key: String) -> [Located<String>] {
        list(mapping, key) { reader, node in
            guard case let .scalar(scalar) = node, !scalar.string.isEmpty else {
                reader.error("each item of '\(key)' must be text, not \(Self.describe(node))", at: node)
                return nil
            }
            return Located(scalar.string, at: reader.document.location(of: node))
        }
    }

    // MARK: Reporting

    mutating func error(_ message: String, at node: Node, notes: [String] = []) {
        let location = document.location(of: node)
        diagnostics.append(.error(message, at: location, sourceLine: document.file.line(location.line), notes: notes))
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    func location(of node: Node) -> SourceLocation { document.location(of: node) }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar: return "text"
        case .sequence: return "a list"
        case .mapping: return "a set of keys"
        case .alias: return "an alias"
        }
    }

    /// The candidate within two edits of `key`, or of its last `_` part, to catch
    /// `reveiwed:` (→ `last_reviewed`) and `tittle:` typos.
    static func closest(to key: String, in candidates: [String]) -> String? {
        candidates.map { candidate -> (String, Int) in
            let tail = candidate.split(separator: "_").last.map(String.init) ?? candidate
            return (candidate, min(EditDistance.between(key, candidate), EditDistance.between(key, tail) + 1))
        }
        .filter { $0.1 <= 2 }
        .min { $0.1 < $1.1 }?.0
    }
}
