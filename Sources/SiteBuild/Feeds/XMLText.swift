/// Text escaped for the sitemap and the Atom feed: `& < > " '` as XML's own entities.
enum XMLText {
    static func escape(_ text: String) -> String {
        HTMLEscaping.escape(text, apostrophe: apostrophe)
    }

    private static let apostrophe = Array("&apos;".utf8)
}
