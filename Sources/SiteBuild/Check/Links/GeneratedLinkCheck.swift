import CommonMark
import Foundation
import SiteModel

/// Checks every `href` and `src` in every generated page, template links included: internal
/// targets and `#anchors` exist, links to the site's own base URL do too, external URLs are
/// well formed, and `http:` is flagged. A problem is reported at the Markdown link that made
/// it when there is one, otherwise once at the template that wrote it, with a page count.
struct GeneratedLinkCheck: Sendable {
    let content: SiteContent
    let templates: [NamedTemplate]
    /// Each document's Markdown links, by the document's output file.
    let markdownLinks: [String: (document: SourceDocument, links: [MarkdownLink])]

    enum Problem: Hashable {
        case missingFile(target: String)
        case missingAnchor(target: String, fragment: String)
        case insecure
        case malformed
        case outsideSite

        var severity: Finding.Severity { self == .insecure ? .warning : .error }

        func message(_ href: String) -> String {
            switch self {
            case let .missingFile(target): return "link to '\(href)' goes nowhere: the site has no \(target)"
            case let .missingAnchor(target, fragment):
                return target.isEmpty ? "link to '\(href)': the page has no element with id '\(fragment)'"
                    : "link to '\(href)': \(target) has no element with id '\(fragment)'"
            case .insecure: return "link to '\(href)' uses http:, which is not secure; use https:// if the site has it"
            case .malformed: return "link to '\(href)' is not a well-formed web address"
            case .outsideSite: return "link to '\(href)' points outside the site's base path"
            }
        }

        /// Where a missing media file would have to be, for the editor to put it there.
        var notes: [String] {
            guard case let .missingFile(target) = self, target.hasPrefix("media/") else { return [] }
            return ["images and files for articles go in Content/media/; this one would be Content/\(target)"]
        }
    }

    /// Site files that can write links into pages besides the Markdown: front matter
    /// (sources), `site.yml` (navigation), `crisis.yml` (contacts), then the templates.
    let dataFiles: [SourceText]

    /// A problem not from Markdown, at the place that wrote it, with the pages it is on.
    private struct WrittenProblem {
        let location: (file: SourceText, line: Int, column: Int)
        let href: String
        let problem: Problem
        var pages: [String]
    }

    func findings(paths: Set<String>, pages: [String: HTMLLinks], jobs: Int = 1) -> [Finding] {
        let baseURL = content.config.baseURL
        let written = URL(string: baseURL)?.path ?? "/"
        let basePath = written.hasSuffix("/") ? written : written + "/"
        // Pages in order, in chunks checked in parallel; each chunk's results are merged in
        // the same order, so the findings do not depend on the scheduling.
        let sorted = pages.sorted { $0.key < $1.key }
        let chunkSize = max(64, sorted.count / max(1, jobs * 8))
        let chunks = stride(from: 0, to: sorted.count, by: chunkSize).map { Array(sorted[$0..<min($0 + chunkSize, sorted.count)]) }
        let results = ParallelMap.map(chunks, jobs: jobs) { chunk in
            check(chunk, paths: paths, pages: pages, baseURL: baseURL, basePath: basePath)
        }
        var findings: [Finding] = []
        // Problems not from Markdown, grouped by where they were written: one broken header
        // link must not become 10,000 findings.
        var grouped: [String: WrittenProblem] = [:]
        for result in results {
            findings += result.findings
            for (key, problem) in result.grouped {
                if grouped[key] == nil { grouped[key] = problem } else { grouped[key]?.pages += problem.pages }
            }
        }
        for (_, group) in grouped.sorted(by: { $0.key < $1.key }) {
            let pagesText = group.pages.count == 1 ? "in \(group.pages[0])" : "in \(group.pages.count) pages, e.g. \(group.pages[0])"
            findings.append(Finding(.links, group.location.file.diagnostic(
                group.problem.severity, group.problem.message(group.href) + " (\(pagesText))",
                line: group.location.line, column: group.location.column, notes: group.problem.notes)))
        }
        return findings
    }

    /// The findings at Markdown links, and the other problems by where they were written,
    /// on some of the pages.
    private func check(_ chunk: [(key: String, value: HTMLLinks)], paths: Set<String>, pages: [String: HTMLLinks],
                       baseURL: String, basePath: String) -> (findings: [Finding], grouped: [(String, WrittenProblem)]) {
        var findings: [Finding] = []
        var grouped: [(String, WrittenProblem)] = []
        var groupIndex: [String: Int] = [:]
        // Links found sound, by what their soundness depends on: most links repeat on every
        // page of the same depth (header, footer, topic lists).
        var sound: Set<ResolutionKey> = []
        for (page, links) in chunk {
            let depth = SitePath(page).depth
            // Each distinct link once, in page order (findings are sorted by position later).
            var seen = Set<String>(minimumCapacity: links.targets.count)
            for href in links.targets where seen.insert(href).inserted {
                let soundKey = Self.resolutionKey(href, depth: depth)
                if let soundKey, sound.contains(soundKey) { continue }
                guard let problem = Self.problem(href, page: page, links: links, paths: paths, pages: pages, baseURL: baseURL,
                                                 basePath: basePath) else {
                    if let soundKey { sound.insert(soundKey) }
                    continue
                }
                let source = markdownLinks[page]
                if let source, let link = markdownLink(for: href, in: source.document, links: source.links) {
                    // The body renderer already reports `.md` links and `#anchors` in the Markdown.
                    switch LinkTarget(link.destination, from: source.document.path) {
                    case .markdownFile, .anchor: continue
                    default: break
                    }
                    let file = SourceText(path: source.document.path, text: source.document.text)
                    let line = link.line + source.document.bodyLineOffset
                    findings.append(Finding(.links, file.diagnostic(problem.severity, problem.message(link.destination), line: line,
                                                                    column: file.characterColumn(line: line, byteColumn: link.byteColumn),
                                                                    notes: problem.notes)))
                    continue
                }
                // Whole addresses come from data (a source, a navigation link); paths and
                // anchors from templates.
                let own = source.map { SourceText(path: $0.document.path, text: $0.document.text) }
                let data = href.contains("://") ? (own.map { [$0] } ?? []) + dataFiles : []
                let location = Self.locate(Self.withoutRelativePrefix(href, basePath: basePath), in: data + templates.map(\.source))
                    ?? (SourceText(path: "Templates/", text: ""), 0, 0)
                let key = "\(location.0.path):\(location.1):\(location.2)\u{0}\(problem)\u{0}\(Self.withoutRelativePrefix(href, basePath: basePath))"
                if let index = groupIndex[key] {
                    grouped[index].1.pages.append(page)
                } else {
                    groupIndex[key] = grouped.count
                    grouped.append((key, WrittenProblem(location: location, href: href, problem: problem, pages: [page])))
                }
            }
        }
        return (findings, grouped)
    }

    /// The first line in `files` that contains `needle` (its path part) literally.
    private static func locate(_ needle: String, in files: [SourceText]) -> (SourceText, Int, Int)? {
        // The whole target first; then its path alone (a fragment may come from a variable).
        let path = needle.split(separator: "#", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        for candidate in [needle, path] where !candidate.isEmpty {
            for file in files where file.text.contains(candidate) {
                for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if let range = line.range(of: candidate) {
                        return (file, index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1)
                    }
                }
            }
        }
        return nil
    }

    /// A link and what it resolves against (a depth, or -1 for nothing), so one found sound
    /// is not checked again on the next page.
    struct ResolutionKey: Hashable {
        let depth: Int
        let href: String
    }

    /// What `href` resolves against on a page `depth` folders deep, when that is not the
    /// page itself: nothing for a whole address or a site-absolute path, the depth for a
    /// relative path that climbs out of every folder the page is in. Nil: it depends on the page.
    static func resolutionKey(_ href: String, depth: Int) -> ResolutionKey? {
        // Read on the bytes: over the String and its Substrings (`hasPrefix`, the UTF-8
        // view's `firstIndex`) this was about 2,500 instructions, for most links.
        var text = href
        let climbs = text.withUTF8 { bytes -> Int? in
            // A site-absolute path, or a whole address (the first `:` opens `://`).
            if bytes.first == 0x2F { return nil }
            if let colon = bytes.firstIndex(of: 0x3A), colon + 2 < bytes.count, bytes[colon + 1] == 0x2F, bytes[colon + 2] == 0x2F {
                return nil
            }
            var count = 0
            while count * 3 + 2 < bytes.count, bytes[count * 3] == 0x2E, bytes[count * 3 + 1] == 0x2E, bytes[count * 3 + 2] == 0x2F {
                count += 1
            }
            return count
        }
        guard let climbs else { return ResolutionKey(depth: -1, href: href) }
        return climbs >= depth && climbs > 0 ? ResolutionKey(depth: depth, href: href) : nil
    }

    /// `pathPart` resolved against the folder of `page` (nil: the site's root): `.` and
    /// empty segments dropped, `..` climbing, a trailing one kept as a final `/`. Nil when
    /// it climbs out of the site. Byte by byte: over Substrings this cost 7,000
    /// instructions a link, and it runs for every distinct link of every page.
    static func resolve(_ pathPart: Substring, against page: String?) -> String? {
        var resolved: [UInt8] = []
        var starts: [Int] = []
        func visit(_ segment: ArraySlice<UInt8>, isLast: Bool) -> Bool {
            if segment.elementsEqual([UInt8(ascii: ".")]) {
                if isLast { push([]) }
            } else if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                guard let start = starts.popLast() else { return false }
                resolved.removeSubrange((starts.isEmpty ? 0 : start - 1)...)
                if isLast { push([]) }
            } else if !segment.isEmpty || isLast {
                push(segment)
            }
            return true
        }
        func push(_ segment: ArraySlice<UInt8>) {
            if !starts.isEmpty { resolved.append(UInt8(ascii: "/")) }
            starts.append(resolved.count)
            resolved += segment
        }
        let folder = Array((page ?? "").utf8), path = Array(pathPart.utf8)
        var start = 0
        // The page's folder: every segment but its file name.
        while let slash = folder[start...].firstIndex(of: UInt8(ascii: "/")) {
            guard visit(folder[start..<slash], isLast: false) else { return nil }
            start = slash + 1
        }
        start = 0
        while true {
            let end = path[start...].firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex
            guard visit(path[start..<end], isLast: end == path.endIndex) else { return nil }
            if end == path.endIndex { break }
            start = end + 1
        }
        return String(decoding: resolved, as: UTF8.self)
    }

    /// `../../peer-support/` → `peer-support/`, so one template link groups across depths.
    static func withoutRelativePrefix(_ href: String, basePath: String = "/") -> String {
        var rest = Substring(href)
        if rest.hasPrefix(basePath) { rest = rest.dropFirst(basePath.count) }
        while rest.hasPrefix("../") || rest.hasPrefix("./") { rest = rest.drop { $0 != "/" }.dropFirst() }
        return String(rest)
    }

    /// The Markdown link in `document` that became `href`, as the body renderer rewrote it.
    func markdownLink(for href: String, in document: SourceDocument, links: [MarkdownLink]) -> MarkdownLink? {
        links.first { link in
            if link.destination == href { return true }
            switch LinkTarget(link.destination, from: document.path) {
            case let .siteAbsolute(path, fragment):
                return document.sitePath.link(to: SitePath(path), fragment: fragment) == href
            case let .markdownFile(path, fragment):
                guard let target = content.documentsByPath[BodyRenderer.resolve(path, from: document.path)] else { return false }
                return document.sitePath.link(to: target.sitePath, fragment: fragment) == href
            default:
                return false
            }
        }
    }

    /// What is wrong with `href` on `page`, whose own ids and links are `links`, if anything.
    static func problem(_ href: String, page: String, links: HTMLLinks, paths: Set<String>, pages: [String: HTMLLinks],
                        baseURL: String, basePath: String) -> Problem? {
        if href.isEmpty { return nil }
        // An anchor on the page itself (a table of contents, the skip link): the commonest
        // link, and one that needs no resolving.
        if href.hasPrefix("#") {
            let fragment = String(href.dropFirst()).removingPercentEncodingIfPossible
            guard !fragment.isEmpty, page.hasSuffix(".html"), !links.ids.contains(fragment) else { return nil }
            return .missingAnchor(target: "", fragment: fragment)
        }
        let lower = href.lowercased()
        if lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") || lower.hasPrefix("sms:") || lower.hasPrefix("data:") { return nil }
        var local: String
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("//") {
            let secureBase = "https://" + baseURL.drop { $0 != ":" }.dropFirst(3)
            if href.hasPrefix(baseURL) || href.hasPrefix(secureBase) {
                if lower.hasPrefix("http://") { return .insecure }
                local = "/" + String(href.dropFirst(href.hasPrefix(baseURL) ? baseURL.count : secureBase.count))
                local = basePath + local.dropFirst()
            } else {
                guard let url = URL(string: href), let host = url.host, !host.isEmpty, host.contains("."),
                      !href.utf8.contains(UInt8(ascii: " ")) else { return .malformed }
                return lower.hasPrefix("http://") ? .insecure : nil
            }
        } else if href.hasURLScheme {
            return .malformed
        } else {
            local = href
        }
        // Split off the fragment and query; resolve the path against the page.
        let hash = local.utf8.firstIndex(of: UInt8(ascii: "#"))
        let fragment = hash.map { String(local[local.utf8.index(after: $0)...]).removingPercentEncodingIfPossible } ?? ""
        let beforeHash = local[..<(hash ?? local.endIndex)]
        let pathPart = beforeHash[..<(beforeHash.utf8.firstIndex(of: UInt8(ascii: "?")) ?? beforeHash.endIndex)]
        let resolved: String?
        if pathPart.isEmpty {
            resolved = page
        } else if pathPart.hasPrefix("/") {
            guard pathPart.hasPrefix(basePath) || pathPart + "/" == basePath else { return .outsideSite }
            resolved = Self.resolve(pathPart.dropFirst(basePath.count), against: nil)
        } else {
            resolved = Self.resolve(pathPart, against: page)
        }
        guard let resolved else { return .outsideSite }
        // Each segment decoded once resolved, so `%2E%2E` is a name, not a climb.
        let target = resolved.utf8.contains(UInt8(ascii: "%"))
            ? resolved.split(separator: "/", omittingEmptySubsequences: false).map { String($0).removingPercentEncodingIfPossible }
                .joined(separator: "/")
            : resolved
        return Self.problem(target: target, fragment: fragment, page: page, paths: paths, pages: pages)
    }

    /// The output file that a path in the site names, if `exists` says the site has it:
    /// `topics/` and `topics` name `topics/index.html`.
    static func file(_ resolved: String, in exists: (String) -> Bool) -> String? {
        let target = shownFile(resolved)
        if exists(target) { return target }
        return exists(target + "/index.html") ? target + "/index.html" : nil
    }

    /// The problem of a link to `resolved`, a path in the site that names no file.
    static func missingFile(_ resolved: String) -> Problem { .missingFile(target: shownFile(resolved)) }

    /// A folder's path as the file served for it: `topics/` → `topics/index.html`.
    private static func shownFile(_ resolved: String) -> String {
        resolved.isEmpty || resolved.hasSuffix("/") ? resolved + "index.html" : resolved
    }

    /// What is wrong with a link to `target` (a resolved path in the site) and `fragment` on it.
    private static func problem(target resolved: String, fragment: String, page: String, paths: Set<String>,
                                pages: [String: HTMLLinks]) -> Problem? {
        guard let target = file(resolved, in: paths.contains) else { return missingFile(resolved) }
        guard !fragment.isEmpty, target.hasSuffix(".html") else { return nil }
        guard pages[target]?.ids.contains(fragment) != true else { return nil }
        // Same-page anchors are named without the page, so a template's grouping holds.
        return .missingAnchor(target: target == page ? "" : target, fragment: fragment)
    }
}
