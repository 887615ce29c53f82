import CommonMark
import Foundation
@testable import SiteBuild
import SiteModel
import Testing

@Suite("Readability")
struct ReadabilityTests {
    /// Syllables as pyphen's en_US patterns give them (the counts textstat uses).
    @Test func syllablesFollowTheHyphenationPatterns() {
        let hyphenator = Hyphenator.english
        let expected = ["recovery": 3, "the": 1, "support": 2, "information": 4, "psychiatrist": 4, "every": 2,
                        "hyphenation": 3, "mental": 2, "a": 1, "people": 2]
        for (word, count) in expected {
            #expect(hyphenator.syllables(in: word) == count, "\(word)")
        }
    }

    /// Worked by hand from the formulas in DOMAIN.md §3.2 with textstat's counting rules.
    @Test func scoresAKnownText() {
        // 3 sentences, 17 words, 18 syllables (every word one syllable but "sun-ny").
        let scores = ReadabilityScores(text: "The cat sat on the mat. It was a sunny day. We all went out to play.")
        #expect(scores.sentences == 3)
        #expect(scores.words == 17)
        #expect(scores.syllables == 18)
        // textstat rounds the means first: 17 / 3 → 5.7 words, 18 / 17 → 1.1 syllables.
        #expect(abs(scores.fleschKincaidGrade - (0.39 * 5.7 + 11.8 * 1.1 - 15.59)) < 1e-9)
        #expect(abs(scores.fleschReadingEase - (206.835 - 1.015 * 5.7 - 84.6 * 1.1)) < 1e-9)
        #expect(scores.smog == nil)
    }

    /// Sentences are found one scalar at a time; they must be what textstat's expression
    /// `\b[^.!?]+[.!?]*` finds, each with the white-space tokens in it that hold a word
    /// character, over texts of every mix of words, spaces, stops and punctuation.
    @Test func sentencesAreWhatTextstatsExpressionFinds() throws {
        let expression = try NSRegularExpression(pattern: #"\b[^.!?]+[.!?]*"#)
        var random = SeededRandom(seed: 5)
        let pieces = ["a", "b1", " ", " ", "\n", ".", "!", "?", ",", "-", "'"]
        for _ in 0..<2_000 {
            let text = (0..<random.below(40)).map { _ in random.pick(pieces) }.joined()
            let expected = expression.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)).map { match in
                let sentence = (text as NSString).substring(with: match.range)
                let words = sentence.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
                return ReadabilityScores.SentenceSpan(start: match.range.location, end: match.range.location + match.range.length, words: words)
            }
            #expect(ReadabilityScores(text: text).sentenceSpans == expected, "\(text.debugDescription)")
        }
    }

    @Test func shortFragmentsAreNotCountedAsSentencesButTheirWordsAre() {
        // textstat ignores "sentences" of two words or fewer when counting sentences.
        let scores = ReadabilityScores(text: "Hello there. This is a longer sentence here.")
        #expect(scores.sentences == 1)
        #expect(scores.words == 8)
    }

    @Test func smogNeedsThirtySentences() {
        let sentence = "People recover in different ways over time. "
        #expect(ReadabilityScores(text: String(repeating: sentence, count: 29)).smog == nil)
        let thirty = ReadabilityScores(text: String(repeating: sentence, count: 30))
        // "re-cov-er" and "dif-fer-ent" are the polysyllables: 2 a sentence, so 1.043 × √60 + 3.1291.
        #expect(thirty.polysyllables == 60)
        #expect(abs((thirty.smog ?? 0) - (1.043 * (60.0).squareRoot() + 3.1291)) < 1e-9)
    }

    @Test func longSentencesAreListedWithTheirLinesAndHardTextWarns() throws {
        let long = "This sentence has been written to be much longer than it needs to be so that it goes on and on past the limit of twenty five words that we set."
        let report = CheckFixtures.check("## A heading that is not scored\n\nShort one.\n\n" + long + "\n\n> A quoted sentence is not scored at all even when it is long and winding and full of words.")
        #expect(report.lines(.readability).contains("Content/articles/a.md:16:1: info: sentence of 31 words; aim for 25 or fewer"))
        let record = try #require(report.documents.first)
        #expect(record.longSentences.map(\.line) == [16])
        // "Short one." has two words, so textstat does not count it as a sentence.
        #expect(record.readability?.sentences == 1)

        let hard = "Notwithstanding considerable methodological heterogeneity, longitudinal investigations consistently demonstrate associations between psychosocial interventions and functional improvements."
        let hardReport = CheckFixtures.check(Array(repeating: hard, count: 8).joined(separator: "\n\n"))
        #expect(hardReport.findings.contains { $0.rule == .readability && $0.severity == .warning && $0.diagnostic.message.hasPrefix("hard to read: Flesch–Kincaid grade") })
    }

    /// Figures in messages: one decimal place, none when it is zero, half away from zero.
    @Test func figuresAreRoundedToOneDecimalPlace() {
        #expect(ReadabilityCheck.rounded(8) == "8")
        #expect(ReadabilityCheck.rounded(8.25) == "8.3")
        #expect(ReadabilityCheck.rounded(51.94) == "51.9")
        #expect(ReadabilityCheck.rounded(0.96) == "1")
        #expect(ReadabilityCheck.rounded(-1.25) == "-1.3")
        #expect(ReadabilityCheck.rounded(-0.04) == "0")
        #expect(ReadabilityCheck.rounded(-0.5) == "-0.5")
    }

    /// Code spans become U+FFFC in prose and are left out of the scored text, wherever they are.
    @Test func codePlaceholdersAreLeftOutOfTheScoredText() {
        let placeholder = String(ProseBlock.codePlaceholder)
        for text in ["Run \(placeholder) now.", "\(placeholder)\(placeholder) twice", "no code at all", placeholder, "café \(placeholder)ﬁ"] {
            let expected = Array(text.replacingOccurrences(of: placeholder, with: "").utf8)
            #expect(ReadabilityCheck.removingPlaceholders(Array(text.utf8)) == expected)
        }
    }

    @Test func thresholdsComeFromSiteYml() {
        let site = CheckFixtures.site.with("""
        -- Content/site.yml --
        \(CheckFixtures.site.files["Content/site.yml"]!)checks:
          reading_grade_warning: 1
          readability_minimum_words: 5
          long_sentence_words: 3
        """)
        let report = CheckFixtures.check("We went to the shop for some bread and milk today.", site: site)
        #expect(report.findings.contains { $0.rule == .readability && $0.severity == .warning })
        #expect(report.lines(.readability).contains("Content/articles/a.md:12:1: info: sentence of 11 words; aim for 3 or fewer"))
    }

    /// DOMAIN.md §3.3 and the issue: agree with Python textstat within 0.5 grade, on the hub's
    /// own articles and on fixture texts. Fails (not skips) when textstat is missing.
    @Test func agreesWithTextstat() throws {
        var texts: [(String, String)] = []
        let articles = CheckFixtures.repository.appendingPathComponent("Content/articles")
        let site = SiteFiles.read(root: CheckFixtures.repository)
        var options = BuildOptions(today: Day(iso: "2026-11-26")!)
        options.jobs = 2
        _ = articles
        let report = SiteBuilder(options: options).check(site)
        #expect(report.documents.filter { $0.kind == .article }.count >= 8)
        for path in site.files.keys.sorted() where path.hasPrefix("Content/articles/") {
            guard let document = Self.document(path, in: site) else { continue }
            texts.append((path, ReadabilityCheck.scoredText(ProseUnits(document: document, renderer: .init())).text))
        }
        let fixtures = CheckFixtures.repository.appendingPathComponent("Tests/SiteBuildTests/Fixtures/Readability")
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted() where name.hasSuffix(".txt") {
            texts.append((name, try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)))
        }
        #expect(texts.count >= 12)
        let grades = try Textstat.grades(texts.map(\.1))
        for ((name, text), theirs) in zip(texts, grades) {
            let ours = ReadabilityScores(text: text)
            #expect(abs(ours.fleschKincaidGrade - theirs.grade) <= 0.5, "\(name): ours \(ours.fleschKincaidGrade), textstat \(theirs.grade)")
            #expect(abs(ours.fleschReadingEase - theirs.ease) <= 5, "\(name): ours \(ours.fleschReadingEase), textstat \(theirs.ease)")
            #expect(ours.sentences == theirs.sentences && ours.words == theirs.words && ours.syllables == theirs.syllables,
                    "\(name): counts ours \(ours.sentences)/\(ours.words)/\(ours.syllables), textstat \(theirs.sentences)/\(theirs.words)/\(theirs.syllables)")
        }
    }

    static func document(_ path: String, in files: SiteFiles) -> SourceDocument? {
        guard let data = files[path], case let .success(text) = ContentLoader.decode(data, path: path),
              case let .success(document) = FrontMatterParser.parse(text, kind: .article) else { return nil }
        return document
    }
}

/// Runs Python's textstat over texts, one JSON result per text.
enum Textstat {
    struct Result: Decodable {
        let grade: Double
        let ease: Double
        let sentences: Int
        let words: Int
        let syllables: Int
    }

    static let script = """
    import json, sys
    try:
        import textstat
    except ImportError:
        sys.stderr.write("textstat is not installed: run 'pip install textstat' (CI: .ci/run does)\\n")
        sys.exit(3)
    texts = json.load(sys.stdin)
    print(json.dumps([{"grade": textstat.flesch_kincaid_grade(t), "ease": textstat.flesch_reading_ease(t),
                       "sentences": textstat.sentence_count(t), "words": textstat.lexicon_count(t),
                       "syllables": textstat.syllable_count(t)} for t in texts]))
    """

    static func grades(_ texts: [String]) throws -> [Result] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            Issue.record("python3 is needed for the textstat agreement test: apt-get install python3 python3-pip && pip install textstat")
            throw error
        }
        input.fileHandleForWriting.write(try JSONEncoder().encode(texts))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("textstat failed (install it with 'pip install textstat'): \(message)")
            throw CocoaError(.fileReadUnknown)
        }
        return try JSONDecoder().decode([Result].self, from: data)
    }
}
