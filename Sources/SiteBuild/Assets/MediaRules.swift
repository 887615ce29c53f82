import Foundation
import SiteModel

/// What may be published from `Content/media/`: files a reader views or downloads, under
/// names that work as web addresses.
///
/// Media are served from the site's own origin, which its Content-Security-Policy trusts
/// for scripts. So without `unsafe_html: true` a media file may not be a page or a script
/// (`.html`, `.js`, …) or an SVG that holds one: otherwise any editor could publish what
/// safe mode keeps out of the Markdown.
enum MediaRules {
    /// Images, documents, audio, video and captions: what an article shows or offers.
    static let kinds: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "svg",
        "pdf", "txt", "csv", "rtf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "epub",
        "mp3", "m4a", "ogg", "oga", "wav", "mp4", "m4v", "webm", "vtt",
    ]

    /// Every problem with `media` (paths under `Content/media/`), at each file.
    static func problems(in media: [AssetFile], allowsUnsafeHTML: Bool) -> [Diagnostic] {
        media.compactMap { file in
            (nameProblem(file.name) ?? (allowsUnsafeHTML ? nil : kindProblem(file))).map {
                .error($0, at: SourceLocation(path: ContentLoader.mediaFolder + file.name))
            }
        }
    }

    /// Why `name` cannot be a web address as it is, if it cannot, with a name that can.
    static func nameProblem(_ name: String) -> String? {
        guard !name.utf8.allSatisfy(isAllowed) else { return nil }
        // Each run of other characters becomes one hyphen, none beside a '.' or '/' or at
        // either end: `WRAP leaflet (2026).pdf` → `wrap-leaflet-2026.pdf`.
        var suggestion = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, isAllowed(UInt8(scalar.value)), scalar != "-" {
                if scalar == "." || scalar == "/", suggestion.hasSuffix("-") { suggestion.removeLast() }
                suggestion.unicodeScalars.append(scalar)
            } else if !suggestion.isEmpty, !suggestion.hasSuffix("-"), !suggestion.hasSuffix("."), !suggestion.hasSuffix("/") {
                suggestion += "-"
            }
        }
        if suggestion.hasSuffix("-") { suggestion.removeLast() }
        return "a media file's name becomes its web address, so it may hold only letters, digits, '-', '_' and '.'; "
            + "rename it, e.g. to '\(suggestion)'"
    }

    /// Why `file` may not be published in safe mode, if it may not.
    static func kindProblem(_ file: AssetFile) -> String? {
        let kind = URL(fileURLWithPath: file.name).pathExtension.lowercased()
        guard kinds.contains(kind) else {
            return "'\(kind.isEmpty ? file.name : "." + kind)' files cannot be published from Content/media/: "
                + "only images, documents, audio, video and captions (\(kinds.sorted().joined(separator: ", ")))"
        }
        if kind == "svg", holdsScript(file.data) {
            return "this SVG holds a script or an event handler, which safe mode does not publish; save it again without them"
        }
        return nil
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
    }

    /// `<script`, an `on…=` event attribute, `javascript:` or an embedded foreign object
    /// (HTML inside the SVG), in any case.
    private static func holdsScript(_ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self).lowercased()
        return text.contains("<script") || text.contains("javascript:") || text.contains("<foreignobject")
            || text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil
    }
}
