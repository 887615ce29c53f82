import CCMark

extension MarkdownRenderer {
    /// The prose of `markdown`, block by block, with each block's lines and context
    /// (heading, list, block quote, code). Parses on its own and frees the tree before
    /// returning; raw HTML is never prose.
    public func proseBlocks(_ markdown: String) -> [ProseBlock] {
        var text = markdown
        return text.withUTF8 { bytes -> [ProseBlock] in
            guard let base = bytes.baseAddress,
                  let document = base.withMemoryRebound(to: CChar.self, capacity: bytes.count, {
                      cmark_parse_document($0, bytes.count, CMARK_OPT_DEFAULT)
                  })
            else { return [] }
            defer { cmark_node_free(document) }
            var walk = ProseWalk()
            walk.visit(document)
            return walk.blocks
        }
    }
}
