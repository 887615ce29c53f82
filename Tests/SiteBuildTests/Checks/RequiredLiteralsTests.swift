import Foundation
@testable import SiteBuild
import Testing

@Suite("Language guide prefilter")
struct RequiredLiteralsTests {
    @Test func readsWhatEveryMatchMustContain() {
        #expect(RequiredLiterals.of(#"\bcommit(?:s|ted|ting)?\s+suicide\b"#) == ["suicide"])
        #expect(RequiredLiterals.of(#"\bnutters?\b|\bnut\s?cases?\b"#) == ["nutter", "case"])
        #expect(RequiredLiterals.of(#"\bsection(?:ed|ing)\b(?!\s+off)"#) == ["section"])
        #expect(RequiredLiterals.of(#"\b\d+\s*(?:kg|kilos?)\b"#) == ["kg", "kilo"])
        #expect(RequiredLiterals.of(#"\bo\.?c\.?d\.?\b"#)?.allSatisfy { $0.count == 1 } == true)
        #expect(RequiredLiterals.of(#"(?i)mad"#) == nil)
        #expect(RequiredLiterals.of(#"\d+"#) == nil)
    }

    /// The prefilter may only skip terms that cannot match: on texts that use every term's
    /// own example words, it must never rule a real match out.
    @Test func neverRulesOutARealMatchOfTheShippedGuide() throws {
        guard case let .success(guide) = LanguageGuide.read(SourceText(path: "guide.tsv", text: CheckFixtures.languageGuide)) else {
            Issue.record("the shipped guide does not read")
            return
        }
        #expect(guide.terms.count >= 80)
        let samples = try String(contentsOf: CheckFixtures.repository.appendingPathComponent("Tests/SiteBuildTests/Fixtures/Language/term-samples.txt"), encoding: .utf8)
            .lowercased()
        let bytes = Array(samples.utf8)
        var matched = 0
        for term in guide.terms {
            let hits = term.expression.numberOfMatches(in: samples, range: NSRange(location: 0, length: (samples as NSString).length))
            if hits > 0 {
                matched += 1
                #expect(LanguageCheck.mayOccur(term, in: bytes), "prefilter rules out \(term.pattern)")
            }
        }
        #expect(matched >= 60, "the samples should exercise most terms; matched \(matched)")
    }
}
