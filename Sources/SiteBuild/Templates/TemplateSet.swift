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

    let library: MustacheLibrary

    static func load(_ templates: [NamedTemplate], assetNames: Set<String>) -> Result<TemplateSet, BuildFailure> {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        let names = Set(templates.map(\.name))
        for template in templates {
            do {
                library.register(try MustacheTemplate(string: template.source.text), named: template.name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(template.source.error("template syntax error: \(describe(error.error))",
                                                         line: error.context.lineNumber, column: error.context.columnNumber))
                continue
            } catch {
                diagnostics.append(.error("template could not be read: \(error)", at: template.source.location()))
                continue
            }
            diagnostics += TemplateChecker(source: template.source, templateNames: names, assetNames: assetNames).check()
        }
        for name in required where !names.contains(name) {
            diagnostics.append(.error("the template '\(name)' is missing; create Templates/\(name).mustache",
                                      at: SourceLocation(path: "Templates/\(name).mustache")))
        }
        guard diagnostics.isEmpty else { return .failure(BuildFailure(diagnostics)) }
        return .success(TemplateSet(library: library))
    }

    /// Renders `context` with the template `name`; nil only if the template is missing,
    /// which `load` has already ruled out for the required ones.
    func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
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
