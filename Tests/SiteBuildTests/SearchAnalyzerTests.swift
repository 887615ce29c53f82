import Foundation
@testable import SearchIndex
import Testing

/// The Swift analyzer: what the index is built from, and what the JS client must match.
@Suite("Search analyzer")
struct SearchAnalyzerTests {
    private func terms(_ text: String) -> [String] {
        var analyzer = Analyzer()
        return analyzer.terms(text)
    }

    /// Words are told apart by every byte, whatever their length: the hash reads eight
    /// bytes at a time and the ends of a word twice, so words that differ in one byte at
    /// any place must still get numbers of their own.
    @Test func theWordTableNumbersEveryDistinctWordOnce() {
        var table = WordTable(expectedWords: 4)
        var words: [[UInt8]] = []
        for length in 0...40 {
            let base = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            words.append(base)
            for position in 0..<length {
                var changed = base
                changed[position] = UInt8(ascii: "z") - UInt8(position % 3)
                if changed != base { words.append(changed) }
            }
        }
        var seen = Set<[UInt8]>()
        words = words.filter { seen.insert($0).inserted }
        for (index, word) in words.enumerated() {
            let (number, isNew) = table.number(word[...])
            #expect(number == index && isNew)
        }
        #expect(table.count == words.count)
        for (index, word) in words.enumerated() {
            #expect(table.number(word[...]) == (index, false))
            #expect(table.lookUp(word[...]) == index)
            #expect(Array(table.word(index)) == word)
        }
        #expect(table.lookUp(Array("not there".utf8)[...]) == nil)
        // An empty word cut from a longer one has an address; the table's first word may
        // be empty too, with no bytes stored at all.
        var empty = WordTable(expectedWords: 4)
        let text = Array("word".utf8)
        text.withUnsafeBufferPointer { text in
            let none = UnsafeBufferPointer(rebasing: text[2..<2])
            #expect(empty.number(none) == (0, true))
            #expect(empty.number(none) == (0, false))
        }
    }

    /// Words whose hashes agree are compared eight bytes at a time with the ends read
    /// twice: a difference in any one byte, at any length, must tell them apart.
    @Test func theWordTableComparesWordsByEveryByte() {
        func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in WordTable.equal(a.baseAddress!, b.baseAddress!, count: a.count) } }
        }
        for length in 1...40 {
            let word = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            #expect(equal(word, Array(word)))
            for position in 0..<length {
                var changed = word
                changed[position] ^= 0x20
                #expect(!equal(changed, word), "length \(length), byte \(position)")
            }
        }
    }

    /// The index's JSON is written byte by byte; it must still parse to what was written.
    @Test func jsonTextWritesNumbersAndEscapedStrings() throws {
        var json = JSONText()
        let strings = ["plain", "quote \" backslash \\ <script>", "line\nbreak\ttab\u{1}", "\u{2028}\u{2029}", "café ☕︎"]
        let numbers = [0, 7, 10, 255, 1_234_567, -42]
        json.byte(0x5B)
        json.strings(strings)
        json.raw(",")
        json.array(numbers) { $0.number($1) }
        json.byte(0x5D)
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(!text.contains("<") && !text.contains("\u{2028}"))
        let decoded = try #require(JSONSerialization.jsonObject(with: Data(json.bytes)) as? [Any])
        #expect(decoded.first as? [String] == strings)
        #expect((decoded.last as? [NSNumber])?.map(\.intValue) == numbers)
        var extremes = JSONText()
        extremes.number(Int.max)
        extremes.byte(0x20)
        extremes.number(Int.min)
        #expect(String(decoding: extremes.bytes, as: UTF8.self) == "\(Int.max) \(Int.min)")
    }

    @Test func foldsCaseDiacriticsAndCompatibilityForms() {
        #expect(TextFolding.words("Café DÉJÀ-vu naïve") == ["cafe", "deja", "vu", "naive"])
        #expect(TextFolding.words("Straße Ærø ﬁle") == ["strasse", "aero", "file"])
        #expect(TextFolding.words("don't it’s") == ["dont", "its"])
        #expect(TextFolding.words("5-4-3-2-1 grounding, 116 123") == ["5", "4", "3", "2", "1", "grounding", "116", "123"])
        #expect(TextFolding.words("self-harm—and…") == ["self", "harm", "and"])
        #expect(TextFolding.words("Ελληνικά 日本語 русский") == ["ελληνικα", "日本語", "русскии"])
    }

    @Test func oddInputNeverCrashesAndLongWordsAreCut() {
        let long = String(repeating: "a", count: 500)
        #expect(TextFolding.words(long) == [String(repeating: "a", count: TextFolding.maximumWordLength)])
        #expect(TextFolding.words("") == [])
        #expect(TextFolding.words("\u{0}\u{301}\u{200D}🙂🏳️‍🌈") == [])
        #expect(terms("the and of to") == [])
    }

    /// 2,800 words (the bench corpora's, the hub's own articles, Porter's examples) with
    /// the stems Snowball's own implementation gives (snowballstemmer 3.1.1).
    @Test func porter2MatchesSnowball() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/Search/porter2-snowball.txt")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count > 2_000)
        var wrong: [String] = []
        for line in lines {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 2 else { continue }
            let stem = Porter2Stemmer.stem(parts[0])
            if stem != parts[1] { wrong.append("\(parts[0]): \(stem), Snowball \(parts[1])") }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
    }

    @Test func protectedWordsAndDomainFixes() {
        #expect(terms("medication") != terms("medical"))
        #expect(terms("medications") == terms("medication"))
        #expect(terms("mindfulness") != terms("mind"))
        #expect(terms("anxious") == terms("anxiety"))
        #expect(terms("therapist") == terms("therapy"))
        #expect(terms("therapists") == terms("therapies"))
        #expect(terms("psychiatrist") == terms("psychiatry"))
    }

    @Test func ukAndUSSpellingsFold() {
        for (uk, us) in [("behaviour", "behavior"), ("behavioural", "behavioral"), ("counselling", "counseling"),
                         ("counsellor", "counselor"), ("organisation", "organization"), ("traumatised", "traumatized"),
                         ("centre", "center"), ("programme", "program"), ("paediatric", "pediatric"), ("analyse", "analyze"),
                         ("colour", "color"), ("defence", "defense"), ("ageing", "aging")] {
            #expect(terms(uk) == terms(us), "\(uk) / \(us)")
        }
        // Short words are left alone, so 'rise' and 'rises' still match.
        #expect(terms("rises") == terms("rise"))
    }

    @Test func stopWordsAreDroppedButRealWordsThatLookLikeContractionsAreNot() {
        #expect(terms("what is the matter with me") == ["matter"])
        #expect(terms("mentally ill") == ["mental", "ill"])
        #expect(terms("well being") == ["well"])
    }
}
