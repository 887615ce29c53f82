/// Which view-model roots and partials one template uses, to tell page-specific templates
/// from those that depend only on site-wide values.
struct TemplateDependencies {
    /// Top-level names that differ from page to page. (`navigation` differs only on the
    /// pages it links to, which `PageWriter` renders without pre-rendered partials.)
    static let pageSpecificRoots: Set<String> = ["page", "article", "content_page", "home", "topic", "index", "redirect"]

    /// First components of every name used, at any nesting.
    let roots: Set<String>
    let partials: Set<String>
    /// Partials included inside a `{{#section}}`: they see the section's item (an article
    /// card sees its article), so their output differs wherever they are used.
    let partialsInSections: Set<String>
    /// Each `{{>partial}}` and `{{<parent}}` tag, in order, for cycle reports.
    let references: [MustacheTag]
    let hasDynamicPartial: Bool

    init(_ tags: [MustacheTag]) {
        var roots: Set<String> = []
        var partials: Set<String> = []
        var dynamic = false
        var references: [MustacheTag] = []
        var inSections: Set<String> = []
        // The sigils of the open sections, blocks and parents: only `#` changes the context.
        var openSections: [String] = []
        for tag in tags {
            if tag.isDelimiterChange { break }
            if ["#", "^", "$", "<"].contains(tag.sigil) { openSections.append(tag.sigil) }
            if tag.sigil == "/" { _ = openSections.popLast() }
            switch tag.sigil {
            case ">", "<":
                if tag.name.hasPrefix("*") { dynamic = true } else { partials.insert(tag.name); references.append(tag) }
                if tag.sigil == ">", openSections.contains("#") { inSections.insert(tag.name) }
            case "$", "!", "%", "/", "=":
                continue
            default:
                if let first = tag.nameParts.first { roots.insert(first) }
            }
        }
        self.roots = roots
        self.partials = partials
        self.partialsInSections = inSections
        self.references = references
        self.hasDynamicPartial = dynamic
    }

    /// Templates that include or extend themselves, directly or through others: swift-mustache
    /// would recurse until the stack overflows. One finding per cycle, at the tag that closes it.
    static func cycles(in all: [String: TemplateDependencies]) -> [(template: String, tag: MustacheTag, path: [String])] {
        var found: [(template: String, tag: MustacheTag, path: [String])] = []
        var reported: Set<Set<String>> = []
        func visit(_ name: String, path: [String]) {
            guard let dependencies = all[name] else { return }
            for tag in dependencies.references {
                if let start = path.firstIndex(of: tag.name) {
                    let cycle = Array(path[start...]) + [tag.name]
                    if reported.insert(Set(cycle)).inserted { found.append((name, tag, cycle)) }
                } else {
                    visit(tag.name, path: path + [tag.name])
                }
            }
        }
        for name in all.keys.sorted() { visit(name, path: [name]) }
        return found
    }

    /// Partials that must be rendered where they are used: those included inside a section,
    /// and every partial those include.
    static func contextDependent(in all: [String: TemplateDependencies]) -> Set<String> {
        var found: Set<String> = []
        var pending = all.keys.sorted().flatMap { all[$0]?.partialsInSections.sorted() ?? [] }
        while let name = pending.popLast() {
            guard found.insert(name).inserted else { continue }
            pending += all[name]?.partials.sorted() ?? []
        }
        return found
    }

    /// True when `name` and every partial it includes use no page-specific value.
    static func isShared(_ name: String, in all: [String: TemplateDependencies], visiting: Set<String> = []) -> Bool {
        guard let dependencies = all[name], !visiting.contains(name), !dependencies.hasDynamicPartial,
              dependencies.roots.isDisjoint(with: pageSpecificRoots) else { return false }
        return dependencies.partials.allSatisfy { isShared($0, in: all, visiting: visiting.union([name])) }
    }
}
