import Foundation
@testable import SiteBuild
import Testing

@Suite("Language guide prefilter")
struct TermPrefilterTests {
    @Test func readsWhatEveryMatchMustContainWithItsWordBoundaries() {
        // `|` marks a literal that must start or end a word; `&` all, `/` any.
        // A run knows the words the pattern puts before it: `_` white space between, `~` optional.
        #expect(RequiredText.of(#"\bcommit(?:s|ted|ting)?\s+suicide\b"#)?.description == "(|commit & (commit/s/ted/ting)_|suicide|)")
        #expect(RequiredText.of(#"\bnutters?\b|\bnut\s?cases?\b"#)?.description == "((|nutter| / |nutters|) / (|nut & ((nut)~case| / (nut)~cases|)))")
        #expect(RequiredText.of(#"\b(?:is|was)\s+(?:totally\s+)?mental\b"#)?.description == "((|is| / |was|) & (is/was/totally)_|mental|)")
        #expect(RequiredText.of(#"\bhe['’]s\s+mental"#)?.description == "(|he & s| & (s)_|mental)")
        // Not when what comes before is not known words.
        #expect(RequiredText.of(#"\b(?:is|\w+ly)\s+mental"#)?.description == "((|is| / ly|) & (is/ly)_|mental)")
        #expect(RequiredText.of(#"\b(?:is|\w+)\s+mental"#)?.description == "|mental")
        #expect(RequiredText.of(#"\bma+\s+d"#)?.description == "(|ma & |d)")
        #expect(RequiredText.of(#"\b(?:is|was)?\s+mental"#)?.description == "|mental")
        // A group's branches sit between what surrounds the group.
        #expect(RequiredText.of(#"\bsection(?:ed|ing)\b(?!\s+off)"#)?.description == "(|section & (ed| / ing|))")
        #expect(RequiredText.of(#"\bmad(?:man|men)\b|\bmaniacs?\b"#)?.description == "((|mad & (man| / men|)) / (|maniac| / |maniacs|))")
        #expect(RequiredText.of(#"\b(?:a|the)\s+cutters?\b"#)?.description == "((|a| / |the|) & ((a/the)_|cutter| / (a/the)_|cutters|))")
        // Optional characters inside a run give every spelling.
        let ocd = RequiredText.of(#"\bo\.?c\.?d\.?\b"#)?.description ?? ""
        #expect(ocd.contains("|ocd|") && ocd.contains("|o.c.d|") && ocd.contains("|o.c.d."))
        #expect(RequiredText.of(#"\d+"#)?.description == "(0 / 1 / 2 / 3 / 4 / 5 / 6 / 7 / 8 / 9)")
        // A negative look-ahead straight after a literal: occurrences followed by its words do not count.
        #expect(RequiredText.of(#"\bmental\b(?!\s*(?:health|illness))"#)?.description == "|mental| !(health/illness)")
        #expect(RequiredText.of(#"\bmentals?(?!\s+health)"#)?.description == "(|mental !(health) / |mentals !(health))")
        #expect(RequiredText.of(#"\bmental(?!ity)"#)?.description == "|mental !(ity)")
        // Not when something stands between them, or the look-ahead is not a list of words.
        #expect(RequiredText.of(#"\bmad+(?!ness)"#)?.description == "|mad")
        #expect(RequiredText.of(#"\bmad\s*(?!ness)"#)?.description == "|mad")
        #expect(RequiredText.of(#"\bmad\b(?!\s*\w+ness)"#)?.description == "|mad|")
        // After `\d` (and optional white space), a run follows no letter.
        #expect(RequiredText.of(#"\d+\s*(?:kg|st)\b"#)?.description == "((0 / 1 / 2 / 3 / 4 / 5 / 6 / 7 / 8 / 9) & (^kg| / ^st|))")
        #expect(RequiredText.of(#"\d+(?:[.,]\d+)?\s*st\b"#)?.description == "((0 / 1 / 2 / 3 / 4 / 5 / 6 / 7 / 8 / 9) & ^st|)")
        #expect(RequiredText.of(#"\d+\w*st\b"#)?.description == "((0 / 1 / 2 / 3 / 4 / 5 / 6 / 7 / 8 / 9) & st|)")
        // What it cannot read, it never uses to rule a term out.
        #expect(RequiredText.of(#"(?i)mad"#) == nil)
        #expect(RequiredText.of(#"(\w+) \1"#) == nil)
        #expect(RequiredText.of(#"\w+ly"#)?.description == "ly")
    }

    @Test func theScannerFindsOverlappingLiteralsAndHonoursBoundaries() {
        func literal(_ text: String, starts: Bool = false, ends: Bool = false) -> RequiredText.Literal {
            RequiredText.Literal(bytes: Array(text.utf8), startsWord: starts, endsWord: ends)
        }
        let scanner = LiteralScanner([literal("he"), literal("she"), literal("hers"), literal("mad", starts: true, ends: true),
                                      literal("psycho", starts: true, ends: true)])
        func found(_ text: String) -> [Int] { (0..<scanner.count).filter { scanner.scan(Array(text.utf8)).contains($0) } }
        #expect(found("ushers") == [0, 1, 2])
        #expect(found("he made it") == [0])
        #expect(found("mad") == [3])
        #expect(found("“mad” was the word") == [0, 3])
        #expect(found("psychology and psychosis") == [])
        #expect(found("a psycho.") == [4])

        let following = RequiredText.AdjacentWords(words: [Array("health".utf8), Array("well-being".utf8)], space: .optional)
        let mental = LiteralScanner([RequiredText.Literal(bytes: Array("mental".utf8), startsWord: true, endsWord: true, notFollowedBy: following)])
        func counts(_ text: String) -> Bool { mental.scan(Array(text.utf8)).contains(0) }
        #expect(!counts("mental health"))
        #expect(!counts("mental  \n well-being matters"))
        #expect(!counts("mentalhealth") && !counts("mentally"))
        #expect(counts("mental-health") && counts("it was mental.") && counts("mental wealth"))
        #expect(counts("mental\u{A0}health")) // white space it does not skip: counted, to be safe
        #expect(counts("mental health and then mental."))
        let spaced = LiteralScanner([RequiredText.Literal(bytes: Array("bipolar".utf8), startsWord: true, endsWord: true,
                                                          notFollowedBy: .init(words: [Array("disorder".utf8)], space: .required))])
        #expect(!spaced.scan(Array("bipolar disorder".utf8)).contains(0))
    }

    /// The scanner's table is 16-bit for a guide of a few hundred terms and 32-bit past
    /// that; both must find exactly what a plain substring search finds.
    @Test func theScannerAgreesWithAPlainSearchAtEitherTableWidth() {
        var random = SeededRandom(seed: 7)
        let letters = Array("abcdefghij".utf8)
        func word(_ length: Int) -> [UInt8] { (0..<length).map { _ in random.pick(letters) } }
        for (literalCount, wide) in [(40, false), (6_000, true)] {
            let literals = Array(Set((0..<literalCount).map { _ in word(2 + random.below(literalCount > 100 ? 9 : 3)) }))
            let scanner = LiteralScanner(literals.map { RequiredText.Literal(bytes: $0, startsWord: false, endsWord: false) })
            #expect(scanner.needsWideTable == wide)
            for _ in 0..<10 {
                let text = word(400)
                let found = scanner.scan(text)
                let pieces = Set(text.indices.flatMap { start in (2...10).map { Array(text[start..<min(text.count, start + $0)]) } })
                for (index, literal) in literals.enumerated() {
                    let present = pieces.contains(literal)
                    #expect(found.contains(index) == present, "\(String(decoding: literal, as: UTF8.self))")
                }
            }
        }
    }

    /// The scanner turns row offsets back into states by multiplying with a reciprocal;
    /// it must give the quotient exactly for every multiple, up to the largest offsets.
    @Test func anExactDivisorDividesEveryMultipleExactly() {
        var random = SeededRandom(seed: 11)
        for divisor in Array(1...300) + [1 << 12, 65_535, 65_537, Int(Int32.max)] {
            let exact = ExactDivisor(divisor)
            let limit = Int.max / divisor
            for quotient in [0, 1, 2, 65_535, limit - 1, limit] + (0..<50).map({ _ in random.below(limit) }) {
                #expect(exact.divide(quotient * divisor) == quotient, "\(quotient) × \(divisor)")
            }
        }
    }

    @Test func rulesOutProseThatCannotMatch() throws {
        let guide = try Self.shippedGuide()
        func mayMatch(_ pattern: String, _ text: String) -> Bool {
            guard let index = guide.terms.firstIndex(where: { $0.pattern == pattern }) else {
                Issue.record("no term \(pattern)")
                return true
            }
            return guide.prefilter.mayMatch(index, guide.prefilter.scan(Array(text.lowercased().utf8)))
        }
        #expect(!mayMatch(#"\bmad\b"#, "She made a plan with her team."))
        #expect(mayMatch(#"\bmad\b"#, "It made me mad."))
        let isMental = try #require(guide.terms.first { $0.pattern.contains(#"mental\b(?!\s*(?:health"#) }).pattern
        #expect(!mayMatch(isMental, "Support is mental health care, and it was mental health week."))
        #expect(mayMatch(isMental, "They said it was mental."))
        // Only after the words the pattern puts before "mental" (and white space).
        #expect(!mayMatch(isMental, "Their mental adjustment helped the mental-health team."))
        #expect(!mayMatch(isMental, "This is a mental note."))
        for text in ["He’s gone mental.", "You're completely mental!", "It was \n  mental.", "I’m mental", "She's totally mental"] {
            #expect(mayMatch(isMental, text), "\(text)")
        }
        // A no-break space is white space to the expression: in doubt, it counts.
        #expect(mayMatch(isMental, "it is\u{00A0}mental"))
        let weight = try #require(guide.terms.first { $0.pattern.contains("kilograms?") }).pattern
        #expect(!mayMatch(weight, "At first, 21 per cent of most people said so."))
        #expect(mayMatch(weight, "She lost 2 st in a year.") && mayMatch(weight, "She lost 2st.") && mayMatch(weight, "down to 9.5kg"))
        #expect(!mayMatch(#"\bpsychos?\b"#, "Psychosis and psychology are different things."))
        #expect(!guide.terms.indices.contains { guide.prefilter.mayMatch($0, guide.prefilter.scan(Array("mental health and wellbeing".utf8))) && guide.terms[$0].pattern.hasPrefix(#"\bmental\s+cases?"#) })
        // Common words beside a rare one are not scanned for: every block holds them.
        #expect(RequiredText.of(#"\b(?:a|the)\s+cutters?\b"#)?.droppingCommonWords.description == "(((a/the)_|cutter| / (a/the)_|cutters|))")
        #expect(RequiredText.of(#"\bcry\s+for\s+help\b"#)?.droppingCommonWords.description == "(|cry| & (for)_|help|)")
        // So are short word endings that need not start a word: inside too many words to rule anything out.
        #expect(RequiredText.of(#"\boverdos(?:e|ed|ing)\s+on\s+\w+"#)?.droppingCommonWords.description == "(|overdos)")
        #expect(RequiredText.of(#"\battention[-\s]seek(?:ing|er|ers)\b"#)?.droppingCommonWords.description == "(|attention & seek)")
        // With nothing rarer beside them, common words are kept.
        #expect(RequiredText.of(#"\bthe\s+a\b"#)?.droppingCommonWords.description == "(|the| & (the)_|a|)")
        // Words before a group reach its branches, unless the group may repeat.
        #expect(RequiredText.of(#"\boff\s+(?:his|her)\s+(?:rocker|head)\b"#)?.droppingCommonWords.description
            == "(((his/her)_|rocker| / (his/her)_|head|))")
        #expect(RequiredText.of(#"\bso\s+(?:very\s+)+sad\b"#)?.description == "(|so| & very| & (very)_|sad|)")
        let cutters = #"\b(?:a|the|is\s+a|are|was\s+a)\s+cutters?\b|\bself[-\s]?harmers?\b"#
        #expect(mayMatch(cutters, "They called her a cutter."))
        #expect(!mayMatch(cutters, "The cut healed."))
    }

    /// The prefilter may only skip terms that cannot match: on every sentence of texts that
    /// use each term's own example words, and on the hub's own articles, it must never rule
    /// a real match out.
    @Test func neverRulesOutARealMatchOfTheShippedGuide() throws {
        let guide = try Self.shippedGuide()
        #expect(guide.terms.count >= 80)
        let samples = try String(contentsOf: CheckFixtures.repository.appendingPathComponent("Tests/SiteBuildTests/Fixtures/Language/term-samples.txt"), encoding: .utf8)
        let articles = try FileManager.default.contentsOfDirectory(atPath: CheckFixtures.repository.appendingPathComponent("Content/articles").path)
            .map { try String(contentsOf: CheckFixtures.repository.appendingPathComponent("Content/articles/\($0)"), encoding: .utf8) }
        let sentences = ([samples] + articles).flatMap { $0.split(whereSeparator: { ".?!\n".contains($0) }).map(String.init) }
        var matchedTerms = Set<Int>()
        for sentence in sentences {
            let found = guide.prefilter.scan(Array(sentence.lowercased().utf8))
            // The candidates the check iterates are exactly the terms that may match.
            #expect(guide.prefilter.candidates(found) == guide.terms.indices.filter { guide.prefilter.mayMatch($0, found) })
            for (index, term) in guide.terms.enumerated()
            where term.expression.numberOfMatches(in: sentence, range: NSRange(location: 0, length: sentence.utf16.count)) > 0 {
                matchedTerms.insert(index)
                #expect(guide.prefilter.mayMatch(index, found), "prefilter rules out \(term.pattern) in “\(sentence)”")
            }
        }
        #expect(matchedTerms.count >= 60, "the samples should exercise most terms; matched \(matchedTerms.count)")
    }

    static func shippedGuide() throws -> LanguageGuide {
        guard case let .success(guide) = LanguageGuide.read(SourceText(path: "guide.tsv", text: CheckFixtures.languageGuide)) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return guide
    }
}
