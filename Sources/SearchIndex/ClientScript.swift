import Foundation

/// The search client shipped inside this package (Resources/hub-search.js), so no theme
/// edit can break search: the ES module as written, and the classic-script copy the
/// search page uses from `file://`, where browsers refuse module scripts.
public enum ClientScript {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// Where the build writes the two copies, under the output root.
    public static let modulePath = "search/hub-search.js"
    public static let classicPath = "search/hub-search-classic.js"
    public static let stylesheetPath = "search/search.css"

    /// The module's text; throws if the package was installed without its resources.
    public static func module() throws -> String { try resource("hub-search", "js") }

    /// A file shipped in this package's resource bundle.
    static func resource(_ name: String, _ type: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: type),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw Missing(description: "the search client file \(name).\(type) is missing from hub's resource bundle (RecoveryHub_SearchIndex.resources next to the hub binary); reinstall hub or rebuild it with 'swift build'")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The classic copy: `export` keywords removed, wrapped in a function, started only
    /// from `file://`.
    public static func classic(from module: String) -> String {
        var lines: [Substring] = []
        for line in module.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("export ") { lines.append(line.dropFirst("export ".count)) }
            else if line == "const CLASSIC = false;" { lines.append("const CLASSIC = true;") }
            else { lines.append(line) }
        }
        return "(function () {\n" + lines.joined(separator: "\n") + "\n})();\n"
    }

    /// Both copies, by output path.
    public static func files() throws -> [(path: String, data: Data)] {
        let text = try module()
        return [(modulePath, Data(text.utf8)), (classicPath, Data(classic(from: text).utf8)),
                (stylesheetPath, Data(try resource("search", "css").utf8))]
    }
}
