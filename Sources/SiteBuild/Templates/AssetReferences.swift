import Foundation
/// Expands `{{#asset}}style.css{{/asset}}` into `{{root}}assets/style.3f9c2a1b04.css` when a
/// template is compiled.
///
/// Authors keep writing asset names; the hashed name is fixed for the whole build, so
/// resolving it once per template instead of through a lambda on every page saves
/// swift-mustache parsing the lambda's result again each time.
enum AssetReferences {
    static func expand(_ template: String, tags: [MustacheTag], assets: [String: String]) -> String {
        var output = ""
        var copiedUpTo = template.startIndex
        var open: MustacheTag?
        for tag in tags {
            if tag.isDelimiterChange { break }
            if tag.sigil == "#", tag.name == "asset" {
                open = tag
            } else if tag.sigil == "/", tag.name == "asset", let start = open {
                let name = template[start.end..<tag.start].trimmingCharacters(in: .whitespacesAndNewlines)
                if let hashed = assets[name] {
                    output += template[copiedUpTo..<start.start]
                    output += "{{root}}assets/" + hashed
                    copiedUpTo = tag.end
                }
                open = nil
            }
        }
        return output + template[copiedUpTo...]
    }
}
