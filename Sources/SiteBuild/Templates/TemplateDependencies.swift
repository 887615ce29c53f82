/// Which view-model roots and partials one template uses, to tell page-specific templates
/// from those that depend only on site-wide values.
struct TemplateDependencies {
    /// Top-level names that differ from page to page. (`site` is among them because its
    /// navigation marks the current page.)
    static let pageSpecificRoots: Set<String> = ["page", "article", "content_page", "home", "topic", "index", "redirect", "site"]

    /// First components of every name used, at any nesting.
    let roots: Set<String>
    let partials: Set<String>
    let hasDynamicPartial: Bool

    init(_ tags: [MustacheTag]) {
        var roots: Set<String> = []
        var partials: Set<String> = []
        var dynamic = false
        for tag in tags {
            switch tag.sigil {
            case ">", "<":
                if tag.name.hasPrefix("*") { dynamic = true } else { partials.insert(tag.name) }
            case "$", "!", "%", "/", "=":
                continue
            default:
                if let first = tag.nameParts.first { roots.insert(first) }
            }
        }
        self.roots = roots
        self.partials = partials
        self.hasDynamicPartial = dynamic
    }

    /// True when `name` and every partial it includes use no page-specific value.
    static func isShared(_ name: String, in all: [String: TemplateDependencies], visiting: Set<String> = []) -> Bool {
        guard let dependencies = all[name], !visiting.contains(name), !dependencies.hasDynamicPartial,
              dependencies.roots.isDisjoint(with: pageSpecificRoots) else { return false }
        return dependencies.partials.allSatisfy { isShared($0, in: all, visiting: visiting.union([name])) }
    }
}
