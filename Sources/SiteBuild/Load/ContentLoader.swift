import Foundation
import SiteModel

/// Sorts a site's raw files into articles, pages, data, templates and assets, and decodes
/// the text ones, reporting unreadable, oversized and non-UTF-8 files with their position.
public enum ContentLoader {
    /// Larger files are refused before they are read: an article is never 10 MiB.
    public static let maximumFileBytes = 10 * 1_048_576

    static let siteConfigPath = "Content/site.yml"
    static let crisisPath = "Content/data/crisis.yml"
    static let languageGuidePath = "Content/data/language-guide.tsv"
    static let synonymsPath = "Content/data/synonyms.yml"
    static let articlesFolder = "Content/articles/"
    static let pagesFolder = "Content/pages/"
    static let templatesFolder = "Templates/"
    static let assetsFolder = "Templates/assets/"
    static let mediaFolder = "Content/media/"

    /// Without `site.yml` the folder is most likely not a site's at all: `hub` run from the
    /// wrong place, or `--root` left out.
    static let missingSiteConfig = Diagnostic.error(
        "\(siteConfigPath) is missing, so this is not a site's folder", at: SourceLocation(path: siteConfigPath),
        notes: ["run hub in the folder that holds Content/ and Templates/, or give it with --root"])

    static func load(_ files: SiteFiles, jobs: Int = ParallelMap.defaultJobs) -> Result<LoadedSite, BuildFailure> {
        var diagnostics = files.unreadable.map { Diagnostic.error($0.reason, at: SourceLocation(path: $0.path)) }
        /// The file at `path` as text; when there is none, `ifMissing` is the problem (nil: none).
        func text(_ path: String, ifMissing: Diagnostic? = nil) -> SourceText? {
            guard let data = files[path] else {
                if let ifMissing { diagnostics.append(ifMissing) }
                return nil
            }
            switch decode(data, path: path) {
            case let .success(text): return text
            case let .failure(diagnostic): diagnostics.append(diagnostic); return nil
            }
        }
        let config = text(siteConfigPath, ifMissing: missingSiteConfig)
        let crisis = text(crisisPath, ifMissing: .error("\(crisisPath) is missing", at: SourceLocation(path: crisisPath)))
        let languageGuide = text(languageGuidePath)
        let synonyms = text(synonymsPath)
        // UTF-8 validation of 10,000 articles is worth spreading over the cores.
        let articlePaths = files.paths(under: articlesFolder).filter { $0.hasSuffix(".md") }
        let decoded = ParallelMap.map(articlePaths, jobs: jobs) { path in
            decode(files[path] ?? Data(), path: path)
        }
        let articles = decoded.compactMap { result -> SourceText? in
            switch result {
            case let .success(text): return text
            case let .failure(diagnostic): diagnostics.append(diagnostic); return nil
            }
        }
        let pages = files.paths(under: pagesFolder).filter { $0.hasSuffix(".md") }.compactMap { text($0) }
        let templates = files.paths(under: templatesFolder).filter { $0.hasSuffix(".mustache") && !$0.hasPrefix(assetsFolder) }
            .compactMap { path in
                text(path).map {
                    NamedTemplate(name: String(path.dropFirst(templatesFolder.count).dropLast(".mustache".count)), source: $0)
                }
            }
        let assets = files.paths(under: assetsFolder).compactMap { path in
            files[path].map { AssetFile(name: String(path.dropFirst(assetsFolder.count)), data: $0) }
        }
        let media = files.paths(under: mediaFolder).compactMap { path in
            files[path].map { AssetFile(name: String(path.dropFirst(mediaFolder.count)), data: $0) }
        }
        guard diagnostics.isEmpty, let config, let crisis else { return .failure(BuildFailure(diagnostics)) }
        return .success(LoadedSite(siteConfig: config, crisisContacts: crisis, synonyms: synonyms, articles: articles, pages: pages,
                                   templates: templates, assets: assets, media: media, languageGuide: languageGuide))
    }

    /// `data` as text by the rules for a site's files, for a file outside one (`hub render`).
    public static func text(_ data: Data, path: String) -> Result<String, Diagnostic> {
        decode(data, path: path).map(\.text)
    }

    /// UTF-8 text, or an error at the first bad byte's line and column (a binary file, a
    /// file saved as Latin-1).
    static func decode(_ data: Data, path: String) -> Result<SourceText, Diagnostic> {
        // A NUL byte near the start means an image or other binary file, not mis-encoded text.
        let nul = data.withUnsafeBytes { $0.offset(of: 0) }
        if let nul, nul < 8192 {
            return .failure(.error("this is a binary file, not UTF-8 text; only Markdown (.md) files belong here",
                                   at: SourceLocation(path: path)))
        }
        if let text = String(validatingUTF8Data: data) {
            if let nul {
                let (line, column) = position(of: nul, in: data)
                return .failure(.error("file contains a NUL byte; is it a binary file?",
                                       at: SourceLocation(path: path, line: line, column: column)))
            }
            return .success(SourceText(path: path, text: text))
        }
        let offset = firstInvalidUTF8Offset(data)
        let (line, column) = position(of: offset, in: data)
        return .failure(.error("file is not valid UTF-8 (byte 0x\(String(data[data.startIndex + offset], radix: 16, uppercase: true))); save it as UTF-8",
                               at: SourceLocation(path: path, line: line, column: column)))
    }

    /// Line and character column of a byte offset, counting only the valid text before it.
    private static func position(of offset: Int, in data: Data) -> (Int, Int) {
        let before = data.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
        let column = String(decoding: data[lineStart..<(data.startIndex + offset)], as: UTF8.self).count + 1
        return (line, column)
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case let .valid(scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }
}

extension String {
    /// Strict UTF-8 decoding: nil for any invalid sequence (unlike `String(decoding:)`,
    /// which repairs silently).
    init?(validatingUTF8Data data: Data) {
        // Through a contiguous buffer: validating `Data` as a generic sequence goes byte by
        // byte through its iterator, several times slower.
        guard let text = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) else {
            return nil
        }
        self = text
    }
}
