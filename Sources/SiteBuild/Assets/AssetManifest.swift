import Foundation

/// The static files a site serves as they are: the theme's assets under content-hashed
/// names, so hosts can cache them for ever (a changed file gets a new name and every
/// reference to it changes with it), and the content's media under their own names, which
/// articles link to and people share.
struct AssetManifest: Sendable {
    /// `style.css` → `style.3f9c2a1b04.css`.
    let hashedNames: [String: String]
    /// The files to write, by output path: `assets/style.3f9c2a1b04.css`, `media/poster.png`.
    let files: [(path: String, data: Data)]

    /// Hashes every asset. CSS is hashed after the files it references, with its `url(…)`
    /// references rewritten first, so a changed image also renames the stylesheet. `media`
    /// keep their names, under `media/`.
    init(_ assets: [AssetFile], media: [AssetFile] = []) {
        var names: [String: String] = [:]
        var files: [(name: String, data: Data)] = []
        let (stylesheets, others) = (assets.filter { $0.name.hasSuffix(".css") }, assets.filter { !$0.name.hasSuffix(".css") })
        for asset in others {
            let hashed = Self.hashedName(asset.name, data: asset.data)
            names[asset.name] = hashed
            files.append((hashed, asset.data))
        }
        for asset in stylesheets {
            let css = String(decoding: asset.data, as: UTF8.self)
            let data = Data(Self.rewriteURLs(in: css, from: asset.name, names: names).utf8)
            let hashed = Self.hashedName(asset.name, data: data)
            names[asset.name] = hashed
            files.append((hashed, data))
        }
        self.hashedNames = names
        self.files = (files.map { ("assets/" + $0.name, $0.data) } + media.map { ("media/" + $0.name, $0.data) }).sorted { $0.path < $1.path }
    }

    static func hashedName(_ name: String, data: Data) -> String {
        let hash = String(FNV1a.hash(data), radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hash.count)) + hash
        let short = padded.prefix(10)
        guard let dot = name.lastIndex(of: "."), !name[name.index(after: dot)...].contains("/") else { return "\(name).\(short)" }
        return "\(name[..<dot]).\(short)\(name[dot...])"
    }

    /// Rewrites `url(x)` in a stylesheet at `cssName` when `x` is another asset.
    static func rewriteURLs(in css: String, from cssName: String, names: [String: String]) -> String {
        let folder = cssName.split(separator: "/").dropLast().joined(separator: "/")
        var output = ""
        var rest = Substring(css)
        while let start = rest.range(of: "url(") {
            output += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: ")") else { break }
            let raw = rest[..<end].trimmingCharacters(in: .whitespaces)
            let quote = raw.first == "\"" || raw.first == "'" ? String(raw.first!) : ""
            let reference = quote.isEmpty ? raw : String(raw.dropFirst().dropLast())
            let resolved = BodyRenderer.resolve(reference, from: folder.isEmpty ? "x" : folder + "/x")
            if let hashed = names[resolved], let hashedFile = hashed.split(separator: "/").last {
                // Same folder, new file name: the reference stays relative as written.
                let prefix = reference.split(separator: "/", omittingEmptySubsequences: false).dropLast().map { $0 + "/" }.joined()
                output += quote + prefix + hashedFile + quote
            } else {
                output += rest[..<end]
            }
            rest = rest[end...]
        }
        return output + rest
    }
}

/// FNV-1a, 64-bit: a fast, stable content fingerprint (cache busting, not security).
enum FNV1a {
    static func hash(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
