import CCMark
import Foundation

/// Collects what the renderer needs from a cmark tree: link and heading nodes, heading
/// texts, plain text and its word count.
///
/// Text is gathered as UTF-8 bytes straight from cmark's literals: building a Swift string
/// per text node roughly doubles the cost of a render (FEASIBILITY.md §2).
struct TreeWalk: NodeVisitor {
    private(set) var linkNodes: [OpaquePointer] = []
    private(set) var headingNodes: [OpaquePointer] = []
    private(set) var headingTexts: [String] = []
    private(set) var plainText: [UInt8] = []
    private(set) var wordCount = 0

    private var headingText: [UInt8] = []
    private var inHeading = false
    private var afterSpace = true

    mutating func enter(_ node: OpaquePointer, type: cmark_node_type) {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            appendLiteral(of: node)
        case CMARK_NODE_CODE_BLOCK:
            appendLiteral(of: node)
            endBlock()
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            append(byte: 0x20)
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            linkNodes.append(node)
        case CMARK_NODE_HEADING:
            headingNodes.append(node)
            headingText.removeAll(keepingCapacity: true)
            inHeading = true
        default:
            break
        }
    }

    mutating func exit(_ node: OpaquePointer, type: cmark_node_type) {
        if type == CMARK_NODE_HEADING {
            if headingText.last == 0x20 { headingText.removeLast() }
            headingTexts.append(String(decoding: headingText, as: UTF8.self))
            inHeading = false
            endBlock()
        } else if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM {
            endBlock()
        }
    }

    /// `append(byte:)` for every byte of the node's text, with the bytes it would copy
    /// unchanged (words, and single spaces between them) appended a stretch at a time:
    /// byte by byte, or even word by word, the appends were the walk's largest cost.
    private mutating func appendLiteral(of node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let count = strlen(literal)
        literal.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
            var stretchStart = 0
            func appendStretch(upTo end: Int) {
                guard end > stretchStart else { return }
                let stretch = UnsafeBufferPointer(start: bytes + stretchStart, count: end - stretchStart)
                plainText.append(contentsOf: stretch)
                if inHeading { headingText.append(contentsOf: stretch) }
            }
            for index in 0..<count {
                let byte = bytes[index]
                if !Self.isSpace(byte) {
                    if afterSpace { wordCount += 1 }
                    afterSpace = false
                } else if byte == 0x20, !afterSpace {
                    afterSpace = true
                } else {
                    // A space to drop, or a line break or tab to write as a space.
                    appendStretch(upTo: index)
                    append(byte: byte)
                    stretchStart = index + 1
                }
            }
            appendStretch(upTo: count)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    private mutating func append(byte: UInt8) {
        if Self.isSpace(byte) {
            // Collapse runs of whitespace; a code block's newlines become spaces too.
            if afterSpace { return }
            afterSpace = true
            plainText.append(0x20)
            if inHeading { headingText.append(0x20) }
            return
        }
        if afterSpace { wordCount += 1 }
        afterSpace = false
        plainText.append(byte)
        if inHeading { headingText.append(byte) }
    }

    /// Ends the current block with a newline, so sentences in separate blocks stay apart.
    private mutating func endBlock() {
        if let last = plainText.last, last == 0x20 { plainText.removeLast() }
        if let last = plainText.last, last != 0x0A { plainText.append(0x0A) }
        afterSpace = true
    }
}
