import CCMark
import Foundation

/// Renders CommonMark with libcmark 0.30: the only code in the project that touches the C API.
///
/// One call parses, walks the tree once (headings, plain text, word count, links), rewrites
/// link destinations, gives headings ids, renders HTML and frees every C object before it
/// returns. It keeps no state, so pages render in parallel, each with its own parser.
public struct MarkdownRenderer: Sendable {
    /// When true, raw HTML and unsafe URLs pass through (`site.yml` `unsafe_html: true`).
    /// When false (the default), cmark replaces raw HTML with a comment and empties
    /// `javascript:`-style URLs.
    public var allowsRawHTML: Bool

    public init(allowsRawHTML: Bool = false) {
        self.allowsRawHTML = allowsRawHTML
    }

    /// Renders `markdown`. `rewriteLink` sees every link and image destination and returns a
    /// replacement (for example a `.md` path turned into the target page's URL), or nil to
    /// keep it as written. With `withProse`, the result also holds `proseBlocks(_:)`'s blocks.
    public func render(_ markdown: String, withProse: Bool = false,
                       rewriteLink: (MarkdownLink) -> String? = { _ in nil }) -> RenderedMarkdown {
        let options = allowsRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        var text = markdown
        return text.withUTF8 { bytes -> RenderedMarkdown in
            guard let base = bytes.baseAddress,
                  let document = base.withMemoryRebound(to: CChar.self, capacity: bytes.count, {
                      cmark_parse_document($0, bytes.count, options)
                  })
            else {
                return RenderedMarkdown(html: "", headings: [], plainText: "", wordCount: 0, links: [])
            }
            defer { cmark_node_free(document) }
            // Before anything below rewrites links or replaces nodes; one pass for both walks.
            var walk = TreeWalk(), prose = ProseWalk()
            if withProse {
                var both = VisitorPair(first: walk, second: prose)
                both.visit(document)
                (walk, prose) = (both.first, both.second)
            } else {
                walk.visit(document)
            }
            let links = rewriteLinks(walk.linkNodes, rewrite: rewriteLink, options: options)
            let headings = giveHeadingsIDs(walk.headingNodes, texts: walk.headingTexts, options: options)
            let html = renderHTML(document, options: options)
            return RenderedMarkdown(html: html, headings: headings,
                                    plainText: String(decoding: walk.plainText, as: UTF8.self),
                                    wordCount: walk.wordCount, links: links, prose: prose.blocks)
        }
    }

    /// Sets rewritten destinations, and marks external links `rel="noopener noreferrer"` by
    /// replacing each with a custom inline node holding cmark's own rendering of it, so the
    /// escaping and safe-mode URL filtering stay cmark's.
    private func rewriteLinks(_ nodes: [OpaquePointer], rewrite: (MarkdownLink) -> String?,
                              options: Int32) -> [MarkdownLink] {
        var links: [MarkdownLink] = []
        links.reserveCapacity(nodes.count)
        var external: [OpaquePointer] = []
        for node in nodes {
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let link = MarkdownLink(destination: destination,
                                    line: Int(cmark_node_get_start_line(node)),
                                    byteColumn: Int(cmark_node_get_start_column(node)),
                                    isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                                    hasText: cmark_node_first_child(node) != nil)
            links.append(link)
            let finalDestination = rewrite(link) ?? destination
            if finalDestination != destination { cmark_node_set_url(node, finalDestination) }
            // Inside an image a link is only alt text, which cmark takes from text nodes.
            if !link.isImage, Self.isExternal(finalDestination), !Self.isInsideImage(node) { external.append(node) }
        }
        // Replacing a link frees its children, so every destination is settled above and
        // no node is touched after the link around it has been replaced.
        for node in external { markExternal(node, options: options) }
        return links
    }

    private static func isInsideImage(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            if cmark_node_get_type(current) == CMARK_NODE_IMAGE { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }

    private func markExternal(_ link: OpaquePointer, options: Int32) {
        let rendered = renderHTML(link, options: options)
        guard rendered.hasPrefix("<a "), let close = rendered.utf8.firstIndex(of: UInt8(ascii: ">")),
              let custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        // cmark escapes `>` inside attribute values, so the first `>` ends the start tag.
        let tagged = rendered[..<close] + " rel=\"noopener noreferrer\"" + rendered[close...]
        cmark_node_set_on_enter(custom, String(tagged))
        cmark_node_set_on_exit(custom, "")
        cmark_node_replace(link, custom)
        cmark_node_free(link)
    }

    /// Replaces each heading with a custom block around a custom inline that writes the
    /// heading's tags with an `id` added, its inline content moved inside: cmark renders
    /// that content as it would have, so the output differs from plain cmark by the
    /// attribute alone. (The block supplies the line breaks a heading has around it; a
    /// custom block's own tags would get a line break after the opening one.) No heading is
    /// rendered on its own, which cost a renderer per heading.
    private func giveHeadingsIDs(_ nodes: [OpaquePointer], texts: [String], options: Int32) -> [Heading] {
        var ids = HeadingIDGenerator()
        var headings: [Heading] = []
        headings.reserveCapacity(nodes.count)
        for (node, text) in zip(nodes, texts) {
            let level = Int(cmark_node_get_heading_level(node))
            let id = ids.id(for: text)
            headings.append(Heading(level: level, text: text, id: id, line: Int(cmark_node_get_start_line(node))))
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            guard let tags = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
                cmark_node_free(block)
                continue
            }
            cmark_node_set_on_enter(block, "")
            cmark_node_set_on_exit(block, "")
            cmark_node_set_on_enter(tags, "<h\(level) id=\"\(id)\">")
            cmark_node_set_on_exit(tags, "</h\(level)>")
            while let child = cmark_node_first_child(node) { cmark_node_append_child(tags, child) }
            cmark_node_append_child(block, tags)
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }
        return headings
    }

    private func renderHTML(_ node: OpaquePointer, options: Int32) -> String {
        guard let html = cmark_render_html(node, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// `http:` and `https:` destinations leave the site.
    static func isExternal(_ destination: String) -> Bool {
        let lower = destination.prefix(8).lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
