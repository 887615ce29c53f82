import CCMark

/// Sees a cmark tree's nodes in document order, each as `cmark_iter` enters and leaves it.
/// Visitors only record: cmark allows changing the tree once the iterator is done.
protocol NodeVisitor {
    mutating func enter(_ node: OpaquePointer, type: cmark_node_type)
    mutating func exit(_ node: OpaquePointer, type: cmark_node_type)
}

extension NodeVisitor {
    /// Visits every node of `document`, in one `cmark_iter` pass.
    mutating func visit(_ document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                enter(node, type: type)
            } else {
                exit(node, type: type)
            }
        }
    }
}

/// Two visitors fed by one pass over the tree, the first before the second at each node.
struct VisitorPair<First: NodeVisitor, Second: NodeVisitor>: NodeVisitor {
    var first: First
    var second: Second

    mutating func enter(_ node: OpaquePointer, type: cmark_node_type) {
        first.enter(node, type: type)
        second.enter(node, type: type)
    }

    mutating func exit(_ node: OpaquePointer, type: cmark_node_type) {
        first.exit(node, type: type)
        second.exit(node, type: type)
    }
}
