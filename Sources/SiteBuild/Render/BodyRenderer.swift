import CommonMark
import SiteModel

/// An article or page with its Markdown rendered.
struct RenderedDocument: Sendable {
    let document: SourceDocument
    let body: RenderedMarkdown
}

/// Renders every body through libcmark, turning `other.md#heading` links into page URLs
/// and checking that each one points at a published document and an existing heading.
struct BodyRenderer: Sendable {
    let content: SiteContent
    let renderer: MarkdownRenderer

    init(content: SiteContent) {
        self.content = content
        self.renderer = MarkdownRenderer(allowsRawHTML: content.config.allowsUnsafeHTML)
    }

    /// A link to another document, kept to check its `#fragment` once every body is rendered.
    struct CrossLink: Sendable {
        let target: String
        let fragment: String
        let source: SourceDocument
        let link: MarkdownLink
    }

    /// One document's rendering, and what it leaves to check against the others.
    struct Outcome: Sendable {
        let rendered: RenderedDocument
        let links: LinkCheck
    }

    /// What cross-document checks need from a rendered body (not the HTML, which the page
    /// writer can drop as soon as the page is written).
    struct LinkCheck: Sendable {
        let path: String
        let headingIDs: [String]
        let crossLinks: [CrossLink]
        let problems: [Diagnostic]
        /// Every link as written, so the generated-page link check can point at its source.
        let markdownLinks: [MarkdownLink]
        /// Source paths of every `other.md` this body links to, found or not: the preview
        /// re-renders the body when one of them appears, disappears or changes its slug.
        var linkedPaths: [String] = []
    }

    /// Every broken link: those found while rendering, and `#fragment`s that name no
    /// heading in the document they point at.
    func problems(in checks: [LinkCheck]) -> [Diagnostic] {
        let headingIDs = Dictionary(uniqueKeysWithValues: checks.map { ($0.path, $0.headingIDs) })
        let headingSets = headingIDs.mapValues(Set.init)
        return checks.flatMap { Self.problems(of: $0, headingIDs: { headingIDs[$0] }, headingSet: { headingSets[$0] }) }
    }

    /// One document's broken links, given the heading ids of the documents it links to
    /// (nil for a document not rendered). The preview calls this for changed documents only.
    static func problems(of check: LinkCheck, headingIDs: (String) -> [String]?,
                         headingSet: (String) -> Set<String>?) -> [Diagnostic] {
        var diagnostics = check.problems
        for cross in check.crossLinks where !(headingSet(cross.target)?.contains(cross.fragment) ?? true) {
            let available = headingIDs(cross.target) ?? []
            let suggestion = YAMLReader.closest(to: cross.fragment, in: available)
            diagnostics.append(Self.error("\(cross.target) has no heading with id '\(cross.fragment)'", at: cross.link,
                                          in: cross.source,
                                          notes: suggestion.map { ["did you mean '#\($0)'?"] }
                                              ?? (available.isEmpty ? [] : ["heading ids there: \(available.joined(separator: ", "))"])))
        }
        return diagnostics
    }

    /// An error at a link's source position. Positions are worked out only here, when
    /// something is wrong: finding a line's text for every link would dominate the render.
    static func error(_ message: String, at link: MarkdownLink, in document: SourceDocument,
                              notes: [String] = []) -> Diagnostic {
        let file = SourceText(path: document.path, text: document.text)
        let line = link.line + document.bodyLineOffset
        return file.error(message, line: line, column: file.characterColumn(line: line, byteColumn: link.byteColumn), notes: notes)
    }

    /// Renders one document's Markdown, resolving its links; with `withProse`, also gives
    /// its prose blocks for the content checks.
    func render(_ document: SourceDocument, withProse: Bool = false) -> Outcome {
        var crossLinks: [CrossLink] = []
        var problems: [Diagnostic] = []
        var pendingSelfAnchors: [(String, MarkdownLink)] = []
        var linkedPaths: [String] = []
        let body = renderer.render(String(document.body), withProse: withProse) { link in
            switch LinkTarget(link.destination, from: document.path) {
            case .external, .other:
                return nil
            case let .siteAbsolute(path, fragment):
                return document.sitePath.link(to: SitePath(path), fragment: fragment)
            case let .anchor(fragment):
                pendingSelfAnchors.append((fragment, link))
                return nil
            case let .markdownFile(relativePath, fragment):
                let targetPath = Self.resolve(relativePath, from: document.path)
                linkedPaths.append(targetPath)
                guard let target = content.documentsByPath[targetPath] else {
                    let why = content.excludedPaths[targetPath].map { "links to \(targetPath), which is \($0)" }
                        ?? "links to '\(link.destination)', but there is no \(targetPath)"
                    problems.append(Self.error(why, at: link, in: document))
                    return nil
                }
                if let fragment { crossLinks.append(CrossLink(target: target.path, fragment: fragment, source: document, link: link)) }
                return document.sitePath.link(to: target.sitePath, fragment: fragment)
            }
        }
        for link in body.links where !link.hasText {
            problems.append(link.isImage
                ? Self.error("this image has no alt text", at: link, in: document,
                             notes: ["say in a few words what it shows, between the brackets: ![what the image shows](\(link.destination)); screen readers read it out instead of the image"])
                : Self.error("this link has no text", at: link, in: document,
                             notes: ["say where it goes, between the brackets: [what the link opens](\(link.destination)); screen readers read it out instead of the address"]))
        }
        let ids = Set(body.headings.map(\.id))
        for (fragment, link) in pendingSelfAnchors where !ids.contains(fragment) {
            problems.append(Self.error("this page has no heading with id '\(fragment)'", at: link, in: document,
                                       notes: YAMLReader.closest(to: fragment, in: body.headings.map(\.id)).map { ["did you mean '#\($0)'?"] } ?? []))
        }
        return Outcome(rendered: RenderedDocument(document: document, body: body),
                       links: LinkCheck(path: document.path, headingIDs: body.headings.map(\.id), crossLinks: crossLinks, problems: problems,
                                        markdownLinks: body.links, linkedPaths: linkedPaths))
    }

    /// `../pages/about.md` from `Content/articles/x.md` → `Content/pages/about.md`.
    static func resolve(_ relative: String, from sourcePath: String) -> String {
        var parts = sourcePath.split(separator: "/").dropLast().map(String.init)
        for segment in relative.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(segment))
            }
        }
        return parts.joined(separator: "/")
    }
}

/// What a link destination in Markdown points at.
enum LinkTarget: Equatable {
    case external
    case anchor(String)
    case markdownFile(path: String, fragment: String?)
    case siteAbsolute(path: String, fragment: String?)
    case other

    /// `sourcePath` is the Markdown file's own (`Content/articles/x.md`): a relative link
    /// from it to a file under `Content/media/` (`../media/poster.png`, which the editor's own
    /// Markdown preview shows too) is the site-absolute link to that file (`/media/poster.png`).
    init(_ destination: String, from sourcePath: String? = nil) {
        if destination.isEmpty { self = .other; return }
        if destination.hasPrefix("#") { self = .anchor(String(destination.dropFirst())); return }
        if destination.hasURLScheme || destination.hasPrefix("//") { self = .external; return }
        // By byte: splitting by Character and lower-casing the path cost 12,000 instructions
        // a link, on every link of every article.
        let utf8 = destination.utf8
        let hash = utf8.firstIndex(of: UInt8(ascii: "#"))
        let path = hash.map { String(destination[..<$0]) } ?? destination
        let fragment = hash.flatMap { hash in utf8.index(after: hash) == utf8.endIndex ? nil : String(destination[utf8.index(after: hash)...]) }
        if Self.endsInMarkdownExtension(path) {
            self = .markdownFile(path: path.removingPercentEncodingIfPossible, fragment: fragment)
        } else if path.hasPrefix("/") {
            self = .siteAbsolute(path: path, fragment: fragment)
        } else if let sourcePath, !path.isEmpty,
                  case let resolved = BodyRenderer.resolve(path, from: sourcePath), resolved.hasPrefix(ContentLoader.mediaFolder) {
            self = .siteAbsolute(path: "/media/" + resolved.dropFirst(ContentLoader.mediaFolder.count), fragment: fragment)
        } else {
            self = .other
        }
    }

    /// `.md` in any case, at the end.
    private static func endsInMarkdownExtension(_ path: String) -> Bool {
        let end = Array(path.utf8.suffix(3))
        return end.count == 3 && end[0] == UInt8(ascii: ".") && end[1] | 0x20 == UInt8(ascii: "m") && end[2] | 0x20 == UInt8(ascii: "d")
    }
}

extension String {
    /// Whether the part before the first `/`, `#` or `?` holds a `:` (`https:`, `mailto:`).
    /// By byte: `Substring.contains(":")` went through Foundation's string search, 20,000
    /// instructions a link.
    var hasURLScheme: Bool {
        utf8.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "#") && $0 != UInt8(ascii: "?") }.contains(UInt8(ascii: ":"))
    }

    /// Foundation's decoding is slow, and most paths have nothing to decode.
    var removingPercentEncodingIfPossible: String {
        utf8.contains(UInt8(ascii: "%")) ? removingPercentEncoding ?? self : self
    }
}
