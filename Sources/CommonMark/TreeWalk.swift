import CCMark

/// One pass over a cmark tree with `cmark_iter`, collecting what the renderer needs.
///
/// Text is gathered as UTF-8 bytes straight from cmark's literals: building a Swift string
/// per text node roughly doubles the cost of a render (FEASIBILITY.md §2). Nodes are only
/// recorded here; cmark allows modifying the tree only after the iterator is done.
struct TreeWalk {
    private(set) var linkNodes: [OpaquePointer] = []
    private(set) var headingNodes: [OpaquePointer] = []
    private(set) var headingTexts: [String] = []
    private(set) var plainText: [UInt8] = []
    private(set) var wordCount = 0

    private var headingText: [UInt8] = []
    private var inHeading = false
    private var afterSpace = true

    mutating func collect(from document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                enter(node, type: type)
            } else if type == CMARK_NODE_HEADING {
                if headingText.last == 0x20 { headingText.removeLast() }
                headingTexts.append(String(decoding: headingText, as: UTF8.self))
                inHeading = false
                endBlock()
            } else if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM {
                endBlock()
            }
        }
    }

    private mutating func enter(_ node: OpaquePointer, type: cmark_node_type) {
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

    private mutating func appendLiteral(of node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        var pointer = literal
        while pointer.pointee != 0 {
            append(byte: UInt8(bitPattern: pointer.pointee))
            pointer += 1
        }
    }

    private mutating func append(byte: UInt8) {
        let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
        if isSpace {
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
