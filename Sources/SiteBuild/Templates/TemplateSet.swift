import Mustache
import SiteModel

/// The site's templates, parsed and checked before any page is rendered.
///
/// swift-mustache renders a missing partial, a misspelt variable or an unknown template
/// as empty text, without a word (FEASIBILITY.md §4). Here each of those is an error at the
/// template's line and column, so a theme edit cannot silently blank a page.
struct TemplateSet: Sendable {
    /// Templates the build renders by name.
    static let required = ["article", "page", "home", "topic", "topics", "404", "redirect"]
    /// Templates the build renders when the theme has them: `search` (`/search/`).
    static let optional = ["search"]

    let library: MustacheLibrary
    /// Partials whose output is the same on every page at one depth: they use only
    /// site-wide values (urgent help, topics, footer), so they are rendered once per depth
    /// instead of once per page. See `prerendered(with:)`.
    let sharedPartials: Set<String>
    /// What the templates are (their text after asset names are filled in) and which
    /// program renders them: half of what decides whether a page needs rendering again.
    let fingerprint: Fingerprint

    /// Parses and checks `templates`. `assets` maps asset names to their hashed names.
    static func load(_ templates: [NamedTemplate], assets: [String: String]) -> Result<TemplateSet, BuildFailure> {
        let assetNames = Set(assets.keys)
        HTMLEscaping.register
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        let names = Set(templates.map(\.name))
        var dependencies: [String: TemplateDependencies] = [:]
        var compiledTexts: [String: String] = [:]
        for template in templates {
            let tags = MustacheTagScanner.tags(in: template.source.text)
            do {
                // Parsed once as written, for exact error positions, then with the pragma
                // that selects the fast escaper (it adds nothing to the output).
                _ = try MustacheTemplate(string: template.source.text)
                let compiled = HTMLEscaping.pragma + AssetReferences.expand(template.source.text, tags: tags, assets: assets)
                library.register(try MustacheTemplate(string: compiled), named: template.name)
                compiledTexts[template.name] = compiled
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(template.source.error("template syntax error: \(describe(error.error))",
                                                         line: error.context.lineNumber, column: error.context.columnNumber))
                continue
            } catch {
                diagnostics.append(.error("template could not be read: \(error)", at: template.source.location()))
                continue
            }
            diagnostics += TemplateChecker(source: template.source, tags: tags, templateNames: names, assetNames: assetNames).check()
            dependencies[template.name] = TemplateDependencies(tags)
        }
        for name in required where !names.contains(name) {
            diagnostics.append(.error("the template '\(name)' is missing; create Templates/\(name).mustache",
                                      at: SourceLocation(path: "Templates/\(name).mustache")))
        }
        guard diagnostics.isEmpty else { return .failure(BuildFailure(diagnostics)) }
        for cycle in TemplateDependencies.cycles(in: dependencies) {
            if let source = templates.first(where: { $0.name == cycle.template })?.source {
                diagnostics.append(source.error("templates include each other without end: \(cycle.path.joined(separator: " → "))",
                                                line: cycle.tag.line, column: cycle.tag.column))
            }
        }
        guard diagnostics.isEmpty else { return .failure(BuildFailure(diagnostics)) }
        let contextDependent = TemplateDependencies.contextDependent(in: dependencies)
        let shared = Set(names.filter {
            $0.hasPrefix("partials/") && !contextDependent.contains($0) && TemplateDependencies.isShared($0, in: dependencies)
        })
        let fingerprint = Fingerprint { hasher in
            hasher.combine(ExecutableIdentity.fingerprint)
            for (name, text) in compiledTexts.sorted(by: { $0.key < $1.key }) {
                hasher.combine(name)
                hasher.combine(text)
            }
        }
        return .success(TemplateSet(library: library, sharedPartials: shared, fingerprint: fingerprint))
    }

    /// A library in which each shared partial is replaced by its output for `sharedContext`
    /// (the site-wide values at one depth). Output that itself contains `{{` is left alone.
    func prerendered(with sharedContext: [String: Any]) -> TemplateSet {
        var specialised = library
        let wrapped = ViewNode(values: sharedContext)
        for name in sharedPartials.sorted() {
            guard let text = library.render(wrapped, withTemplate: name), !text.contains("{{"), !text.contains("{%"),
                  let template = try? MustacheTemplate(string: text) else { continue }
            specialised.register(template, named: name)
        }
        return TemplateSet(library: specialised, sharedPartials: [], fingerprint: fingerprint)
    }

    /// Every shared partial's output for `sharedContext`, joined: when this is unchanged,
    /// what `prerendered(with:)` bakes into pages is unchanged too (the preview's check).
    func sharedOutput(with sharedContext: [String: Any]) -> String {
        let wrapped = ViewNode(values: sharedContext)
        return sharedPartials.sorted().map { library.render(wrapped, withTemplate: $0) ?? "" }.joined(separator: "\u{0}")
    }

    /// Whether the theme has a template called `name`.
    func has(_ name: String) -> Bool { library.getTemplate(named: name) != nil }

    /// Renders `context` with the template `name`; nil only if the template is missing,
    /// which `load` has already ruled out for the required ones.
    func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(ViewNode.wrap(context), withTemplate: name)
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "this closing tag does not match the section that is open"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is never closed; every {{#name}} needs a {{/name}}"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only {{$block}} sections may appear inside {{<parent}}"
        case .textInsideInheritSection: return "text inside {{<parent}} must be inside a {{$block}}"
        case .invalidConfigVariableSyntax: return "invalid {{% … }} pragma"
        case .unrecognisedConfigVariable: return "unknown {{% … }} pragma"
        @unknown default: return "\(error)"
        }
    }
}
