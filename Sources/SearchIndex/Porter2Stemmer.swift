/// The Snowball English ("Porter2") stemmer, on ASCII lowercase bytes.
///
/// A line-by-line twin of `stem()` in Resources/hub-search.js: the parity test runs both
/// over the same words. Words with non-ASCII letters are returned unchanged by the caller.
enum Porter2Stemmer {
    private static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
        "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
        // As Snowball 3 stems it (not "intern").
        "international": "internat",
    ]
    private static let afterStep1a: Set<String> = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]

    private static let step2: [(String, String)] = [
        ("ization", "ize"), ("ational", "ate"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
        ("tional", "tion"), ("biliti", "ble"), ("lessli", "less"), ("entli", "ent"), ("ation", "ate"),
        ("alism", "al"), ("aliti", "al"), ("ousli", "ous"), ("iviti", "ive"), ("fulli", "ful"), ("ogist", "og"),
        ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("izer", "ize"), ("ator", "ate"),
        ("alli", "al"), ("bli", "ble"), ("ogi", "og"), ("li", ""),
    ]
    private static let step3: [(String, String)] = [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ative", ""), ("ical", "ic"), ("ness", ""), ("ful", ""),
    ]
    private static let step4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous",
                                "ive", "ize", "ion", "al", "er", "ic"]

    static func stem(_ word: String) -> String {
        guard word.utf8.count > 2 else { return word }
        if let exception = exceptions[word] { return exception }
        var w = Array(word.utf8)
        // 'y' at the start or after a vowel is a consonant: marked as 'Y'.
        for i in w.indices where w[i] == y && (i == 0 || isVowel(w[i - 1])) { w[i] = Y }
        let r1 = regionOne(w)
        let r2 = region(after: r1, in: w)

        // Step 1a
        if ends(w, "sses") { w.removeLast(2) }
        else if ends(w, "ied") || ends(w, "ies") { w.removeLast(w.count > 4 ? 2 : 1) }
        else if ends(w, "us") || ends(w, "ss") {}
        else if ends(w, "s"), w.count >= 2, w[0..<(w.count - 2)].contains(where: isVowel) { w.removeLast() }
        if afterStep1a.contains(String(decoding: w, as: UTF8.self)) { return String(decoding: w, as: UTF8.self) }

        // Step 1b
        if let suffix = longest(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]) {
            if suffix == "eed" || suffix == "eedly" {
                if w.count - suffix.utf8.count >= r1 { w.removeLast(suffix.utf8.count - 2) }
            } else if w[0..<(w.count - suffix.utf8.count)].contains(where: isVowel) {
                w.removeLast(suffix.utf8.count)
                if ends(w, "at") || ends(w, "bl") || ends(w, "iz") { w.append(e) }
                else if w.count >= 2, w[w.count - 1] == w[w.count - 2], "bdfgmnprt".utf8.contains(w[w.count - 1]) { w.removeLast() }
                else if isShort(w, r1: r1) { w.append(e) }
            }
        }
        // Step 1c
        if w.count > 2, w[w.count - 1] == y || w[w.count - 1] == Y, !isVowel(w[w.count - 2]) { w[w.count - 1] = i }

        // Step 2
        if let (suffix, replacement) = step2.first(where: { ends(w, $0.0) }), w.count - suffix.utf8.count >= r1 {
            let stemEnd = w.count - suffix.utf8.count
            if suffix == "ogi" {
                if stemEnd > 0, w[stemEnd - 1] == l { replace(&w, suffix, replacement) }
            } else if suffix == "li" {
                if stemEnd > 0, "cdeghkmnrt".utf8.contains(w[stemEnd - 1]) { w.removeLast(2) }
            } else {
                replace(&w, suffix, replacement)
            }
        }
        // Step 3
        if let (suffix, replacement) = step3.first(where: { ends(w, $0.0) }), w.count - suffix.utf8.count >= r1 {
            if suffix == "ative" {
                if w.count - suffix.utf8.count >= r2 { w.removeLast(5) }
            } else {
                replace(&w, suffix, replacement)
            }
        }
        // Step 4
        if let suffix = step4.first(where: { ends(w, $0) }), w.count - suffix.utf8.count >= r2 {
            if suffix == "ion" {
                let stemEnd = w.count - 3
                if stemEnd > 0, w[stemEnd - 1] == s || w[stemEnd - 1] == t { w.removeLast(3) }
            } else {
                w.removeLast(suffix.utf8.count)
            }
        }
        // Step 5
        if ends(w, "e") {
            let at = w.count - 1
            if at >= r2 || (at >= r1 && !endsInShortSyllable(Array(w[0..<at]))) { w.removeLast() }
        } else if ends(w, "l"), w.count - 1 >= r2, w.count >= 2, w[w.count - 2] == l {
            w.removeLast()
        }
        for index in w.indices where w[index] == Y { w[index] = y }
        return String(decoding: w, as: UTF8.self)
    }

    private static let y = UInt8(ascii: "y"), Y = UInt8(ascii: "Y"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i")
    private static let l = UInt8(ascii: "l"), s = UInt8(ascii: "s"), t = UInt8(ascii: "t")

    private static func isVowel(_ c: UInt8) -> Bool {
        c == 97 || c == 101 || c == 105 || c == 111 || c == 117 || c == 121
    }

    private static func regionOne(_ w: [UInt8]) -> Int {
        for prefix in ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ"] where w.starts(with: prefix.utf8) { return prefix.utf8.count }
        return region(after: 0, in: w)
    }

    /// The index after the first non-vowel that follows a vowel, at or after `start`.
    private static func region(after start: Int, in w: [UInt8]) -> Int {
        var index = start + 1
        while index < w.count {
            if !isVowel(w[index]) && isVowel(w[index - 1]) { return index + 1 }
            index += 1
        }
        return w.count
    }

    private static func endsInShortSyllable(_ w: [UInt8]) -> Bool {
        let n = w.count
        if n == 2 { return isVowel(w[0]) && !isVowel(w[1]) }
        guard n >= 3 else { return false }
        let last = w[n - 1]
        return !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(last)
            && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != Y
    }

    private static func isShort(_ w: [UInt8], r1: Int) -> Bool {
        r1 >= w.count && endsInShortSyllable(w)
    }

    private static func ends(_ w: [UInt8], _ suffix: String) -> Bool {
        let bytes = suffix.utf8
        guard w.count >= bytes.count else { return false }
        return w[(w.count - bytes.count)...].elementsEqual(bytes)
    }

    private static func longest(_ w: [UInt8], _ suffixes: [String]) -> String? {
        suffixes.first { ends(w, $0) }
    }

    private static func replace(_ w: inout [UInt8], _ suffix: String, _ replacement: String) {
        w.removeLast(suffix.utf8.count)
        w.append(contentsOf: replacement.utf8)
    }
}
