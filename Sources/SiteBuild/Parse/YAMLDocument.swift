import SiteModel
import Yams

/// YAML text from one file, composed into a node tree with the limits Yams lacks.
///
/// Yams puts no limit on alias expansion and recurses once per nesting level, so a
/// 500-byte "billion laughs" or a list nested 10,000 deep could hang or crash the build
/// (FEASIBILITY.md §5). We bound size and nesting before composing, and count nodes
/// (following aliases, with an early exit) before anyone walks the tree.
struct YAMLDocument {
    /// The largest YAML block accepted: front matter is metadata, not content.
    static let maximumBytes = 64 * 1024
    /// Deeper than any schema here needs, shallow enough for a worker thread's stack.
    static let maximumDepth = 32
    /// Logical nodes after alias expansion.
    static let maximumNodes = 20_000

    /// The whole file, for quoting lines in diagnostics.
    let file: SourceText
    /// The YAML itself: all of `file`, or its front matter.
    let yaml: String
    /// Lines in the file before `yaml` starts (1 for front matter's `---`).
    let lineOffset: Int

    init(file: SourceText, yaml: String? = nil, lineOffset: Int = 0) {
        self.file = file
        self.yaml = yaml ?? file.text
        self.lineOffset = lineOffset
    }

    /// The root node; nil with diagnostics when the text is not acceptable YAML.
    func compose(into diagnostics: inout [Diagnostic]) -> Node? {
        if yaml.utf8.count > Self.maximumBytes {
            diagnostics.append(.error("YAML block is \(yaml.utf8.count / 1024) KiB; at most \(Self.maximumBytes / 1024) KiB is allowed",
                                      at: file.location(line: lineOffset + 1)))
            return nil
        }
        if let (line, column) = Self.tooDeep(yaml) {
            let location = file.location(line: lineOffset + line, column: column)
            diagnostics.append(.error("YAML is nested more than \(Self.maximumDepth) levels deep",
                                      at: location, sourceLine: file.line(location.line)))
            return nil
        }
        let root: Node?
        do {
            // The basic resolver leaves every scalar a string (our reader types them, so `NO` stays
            // "NO"); an explicit encoding spares Yams working out the platform default per call.
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch {
            diagnostics.append(diagnostic(for: error))
            return nil
        }
        guard let root else { return nil }
        var budget = Self.maximumNodes
        if !Self.count(root, budget: &budget) {
            let location = self.location(of: root)
            diagnostics.append(.error("YAML expands to more than \(Self.maximumNodes) values (are aliases repeating each other?)",
                                      at: location, sourceLine: file.line(location.line)))
            return nil
        }
        return root
    }

    /// Where a node starts in the real file.
    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return file.location(line: lineOffset + 1) }
        return file.location(line: lineOffset + mark.line, column: mark.column)
    }

    private func diagnostic(for error: Error) -> Diagnostic {
        guard let yamlError = error as? YamlError else {
            return .error("could not read YAML: \(error)", at: file.location(line: lineOffset + 1))
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // An unclosed quote or bracket is found where the text ends; the mistake is
            // where the quote or bracket was opened, which libyaml gives as the context.
            let opened = context.flatMap { context -> Mark? in
                let text = context.text
                let unclosed = problem.contains("end of stream") || text.contains("flow sequence") || text.contains("flow mapping")
                    || text.contains("quoted scalar")
                return unclosed ? context.mark : nil
            }
            let at = opened ?? mark
            let location = file.location(line: lineOffset + at.line, column: at.column)
            var notes: [String] = []
            if let context, opened == nil {
                notes.append("\(context.text) at line \(lineOffset + context.mark.line), column \(context.mark.column)")
            } else if let context {
                notes.append("\(context.text) here, and \(problem) at line \(lineOffset + mark.line), column \(mark.column)")
            }
            if problem.contains("mapping values are not allowed") || problem.contains("did not find expected key") {
                notes.append("check the indentation, and put quotes around text that contains ': '")
            }
            return .error("invalid YAML: \(opened != nil ? Self.unclosed(context?.text ?? "") : problem)",
                          at: location, sourceLine: file.line(location.line), notes: notes)
        case let .duplicatedKeysInMapping(duplicates, _):
            // Yams marks the start of the mapping, not the repeat: find the second use ourselves.
            let key = duplicates.first ?? ""
            let location = secondDefinition(of: key) ?? file.location(line: lineOffset + 1)
            return .error("'\(key)' is set twice", at: location, sourceLine: file.line(location.line),
                          notes: ["each key may appear once; remove one of them"])
        case let .reader(problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: file.location(line: lineOffset + 1))
        default:
            return .error("invalid YAML: \(yamlError)", at: file.location(line: lineOffset + 1))
        }
    }

    /// Plain words for libyaml's "while scanning a quoted scalar" and friends.
    private static func unclosed(_ context: String) -> String {
        if context.contains("quoted scalar") { return "this quoted text is never closed; add the closing quote" }
        if context.contains("flow sequence") { return "this '[' list is never closed; add ']'" }
        if context.contains("flow mapping") { return "this '{' is never closed; add '}'" }
        return context + " is never closed"
    }

    private func secondDefinition(of key: String) -> SourceLocation? {
        var seen = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "-" })
            guard trimmed.hasPrefix(key + ":") else { continue }
            seen += 1
            if seen == 2 {
                return file.location(line: lineOffset + index + 1, column: line.count - trimmed.count + 1)
            }
        }
        return nil
    }

    /// The first place where block indentation, `- ` chains or flow brackets go deeper than
    /// allowed. Brackets inside quotes and comments count too: an over-estimate is safe, as
    /// real metadata is a few levels deep, while an under-estimate could overflow the stack.
    static func tooDeep(_ yaml: String) -> (line: Int, column: Int)? {
        var flowDepth = 0
        var line = 1, column = 0
        var atLineStart = true, indentation = 0, dashes = 0
        for byte in yaml.utf8 {
            column += 1
            if byte == 0x0A {
                line += 1; column = 0; atLineStart = true; indentation = 0; dashes = 0
                continue
            }
            if atLineStart {
                if byte == 0x20 { indentation += 1; continue }
                if byte == 0x2D { dashes += 1; continue }
                atLineStart = false
                if indentation / 2 + dashes > maximumDepth { return (line, column) }
            }
            switch byte {
            case 0x5B, 0x7B:
                flowDepth += 1
                if flowDepth > maximumDepth { return (line, column) }
            case 0x5D, 0x7D: flowDepth = max(0, flowDepth - 1)
            default: break
            }
        }
        return nil
    }

    /// Counts logical nodes, following aliases; false as soon as the budget runs out.
    private static func count(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .scalar, .alias:
            return true
        case let .sequence(sequence):
            for child in sequence where !count(child, budget: &budget) { return false }
            return true
        case let .mapping(mapping):
            for (key, value) in mapping where !count(key, budget: &budget) || !count(value, budget: &budget) {
                return false
            }
            return true
        }
    }
}
