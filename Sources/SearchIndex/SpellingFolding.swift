import Foundation

/// UK/US spelling folding, applied to a folded word before stemming: both spellings map to
/// one form, so "behaviour" finds "behavior" and "counselling" finds "counseling".
///
/// The folded form need not be a real spelling, only the same for both: "-ise" words all
/// become "-ize", including ones never spelled with z, which is harmless. Twin of
/// `spelling()` in Resources/hub-search.js.
enum SpellingFolding {
    /// Roots whose "-our" is "-or" in US spelling.
    static let ourRoots = ["behaviour", "colour", "favour", "honour", "labour", "neighbour", "humour", "rumour",
                           "endeavour", "flavour", "vigour", "odour", "armour", "harbour", "candour", "tumour", "savour"]
    /// Roots that double their final "l" before a suffix in UK spelling.
    static let doubledL = ["counsel", "travel", "label", "model", "cancel", "fuel", "signal", "level", "channel",
                           "dial", "jewel", "tunnel", "quarrel", "rival", "marvel", "pedal", "panel", "enrol", "fulfil"]
    static let lSuffixes = ["ing", "ings", "ed", "er", "ers", "or", "ors"]
    /// Other pairs, as substrings: UK → US.
    static let pieces: [(String, String)] = [
        ("paed", "ped"), ("haem", "hem"), ("anaes", "anes"), ("anaem", "anem"), ("oestr", "estr"), ("oedem", "edem"),
        ("gynaec", "gynec"), ("diarrhoe", "diarrhe"), ("foet", "fet"), ("programme", "program"), ("judgement", "judgment"),
        ("ageing", "aging"), ("defence", "defense"), ("offence", "offense"), ("licence", "license"), ("pretence", "pretense"),
        ("catalogue", "catalog"), ("dialogue", "dialog"), ("grey", "gray"), ("enrolment", "enrollment"), ("fulfilment", "fulfillment"),
    ]
    /// `pieces`' UK spellings as bytes: most words hold none, and Foundation's `contains`
    /// cost 4,600 instructions a word for the 21 of them.
    private static let pieceBytes = pieces.map { Array($0.0.utf8) }

    /// Whether `piece` occurs in `word`, byte for byte (as the client's `includes`).
    private static func contains(_ word: [UInt8], _ piece: [UInt8]) -> Bool {
        guard let first = piece.first, piece.count <= word.count else { return false }
        for start in 0...(word.count - piece.count) where word[start] == first {
            if word[start..<(start + piece.count)].elementsEqual(piece) { return true }
        }
        return false
    }

    static let izeEndings = ["isation", "isations", "ise", "ised", "ises", "ising", "iser", "isers"]
    static let yzeEndings = ["yse", "ysed", "yses", "ysing"]
    static let treEndings = ["tre", "tres"]

    static func fold(_ word: String) -> String {
        guard word.utf8.count > 4 else { return word }
        var w = word
        for root in ourRoots where w.hasPrefix(root) {
            w = String(root.dropLast(2)) + "r" + w.dropFirst(root.count)
            break
        }
        for root in doubledL where w.hasPrefix(root + "l") {
            if lSuffixes.contains(String(w.dropFirst(root.count + 1))) { w = root + w.dropFirst(root.count + 1) }
            break
        }
        var bytes = Array(w.utf8)
        for ((uk, us), ukBytes) in zip(pieces, pieceBytes) where contains(bytes, ukBytes) {
            w = w.replacingOccurrences(of: uk, with: us)
            bytes = Array(w.utf8)
        }
        if let ending = izeEndings.first(where: { w.hasSuffix($0) }), w.count >= ending.count + 3 {
            w = String(w.dropLast(ending.count)) + "iz" + ending.dropFirst(2)
        } else if let ending = yzeEndings.first(where: { w.hasSuffix($0) }), w.count >= ending.count + 3 {
            w = String(w.dropLast(ending.count)) + "yz" + ending.dropFirst(2)
        } else if let ending = treEndings.first(where: { w.hasSuffix($0) }), w.count >= ending.count + 3 {
            w = String(w.dropLast(ending.count)) + "ter" + ending.dropFirst(3)
        }
        return w
    }
}
