/// Rules language-guide terms out of a block of prose before any regular expression runs:
/// every term's required literals (`RequiredText`) are found together in one scan of the
/// block, and each term's condition is then a few bit tests.
struct TermPrefilter: Sendable {
    /// A term's condition over literal numbers.
    indirect enum Condition: Sendable {
        case literal(Int)
        case all([Condition])
        case any([Condition])

        func holds(in found: LiteralSet) -> Bool {
            switch self {
            case let .literal(id): return found.contains(id)
            case let .all(parts): return parts.allSatisfy { $0.holds(in: found) }
            case let .any(parts): return parts.contains { $0.holds(in: found) }
            }
        }
    }

    let scanner: LiteralScanner
    /// Per term, in the guide's order; nil: the term is always scanned.
    private let conditions: [Condition?]

    init(_ required: [RequiredText?]) {
        var literals: [RequiredText.Literal] = []
        var numbers: [RequiredText.Literal: Int] = [:]
        func compile(_ text: RequiredText) -> Condition {
            switch text {
            case let .literal(literal):
                if let id = numbers[literal] { return .literal(id) }
                numbers[literal] = literals.count
                literals.append(literal)
                return .literal(literals.count - 1)
            case let .all(parts): return .all(parts.map(compile))
            case let .any(parts): return .any(parts.map(compile))
            }
        }
        conditions = required.map { $0.map(compile) }
        scanner = LiteralScanner(literals)
    }

    /// The literals in `text` (lower-cased UTF-8).
    func scan(_ text: [UInt8]) -> LiteralSet { scanner.scan(text) }

    /// False only when the term numbered `term` cannot match text holding just `found`.
    func mayMatch(_ term: Int, _ found: LiteralSet) -> Bool {
        conditions[term]?.holds(in: found) ?? true
    }
}
