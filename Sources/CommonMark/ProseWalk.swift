import CCMark
import Foundation

/// Collects a document's prose blocks (see `ProseBlock`).
struct ProseWalk: NodeVisitor {
    private(set) var blocks: [ProseBlock] = []

    private var text: [UInt8] = []
    private var blockQuoteDepth = 0
    private var listDepth = 0
    /// Images nest text as alt text; links and images are counted so their text is kept.
    private var collecting = false

    mutating func enter(_ node: OpaquePointer, type: cmark_node_type) {
        switch type {
        case CMARK_NODE_BLOCK_QUOTE: blockQuoteDepth += 1
        case CMARK_NODE_LIST: listDepth += 1
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            text.removeAll(keepingCapacity: true)
            collecting = true
        case CMARK_NODE_CODE_BLOCK:
            text.removeAll(keepingCapacity: true)
            appendLiteral(of: node)
            finish(node, kind: .code)
        case CMARK_NODE_TEXT:
            if collecting { appendLiteral(of: node) }
        case CMARK_NODE_CODE:
            if collecting { text += Array("\u{FFFC}".utf8) }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            if collecting { text.append(0x20) }
        default:
            break
        }
    }

    mutating func exit(_ node: OpaquePointer, type: cmark_node_type) {
        switch type {
        case CMARK_NODE_BLOCK_QUOTE: blockQuoteDepth -= 1
        case CMARK_NODE_LIST: listDepth -= 1
        case CMARK_NODE_PARAGRAPH:
            collecting = false
            finish(node, kind: .paragraph)
        case CMARK_NODE_HEADING:
            collecting = false
            finish(node, kind: .heading(level: Int(cmark_node_get_heading_level(node))))
        default:
            break
        }
    }

    private mutating func finish(_ node: OpaquePointer, kind: ProseBlock.Kind) {
        blocks.append(ProseBlock(kind: kind, text: String(decoding: text, as: UTF8.self),
                                 startLine: Int(cmark_node_get_start_line(node)),
                                 endLine: max(Int(cmark_node_get_end_line(node)), Int(cmark_node_get_start_line(node))),
                                 inBlockQuote: blockQuoteDepth > 0, inList: listDepth > 0))
        text.removeAll(keepingCapacity: true)
    }

    private mutating func appendLiteral(of node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let count = strlen(literal)
        literal.withMemoryRebound(to: UInt8.self, capacity: count) { text.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
    }
}
