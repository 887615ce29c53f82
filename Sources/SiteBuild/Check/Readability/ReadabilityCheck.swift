import CommonMark
import Foundation
import SiteModel

/// Scores an article's reading level (DOMAIN.md §3.3): paragraphs and list items only, since
/// formulas mislead on headings, code and quoted testimony. A list item or paragraph with no
/// closing punctuation is scored as one sentence.
struct ReadabilityCheck: Sendable {
    let settings: CheckSettings

    /// The text that is scored, and where each of its pieces came from.
    struct ScoredText: Sendable {
        let utf8: [UInt8]
        var text: String { String(decoding: utf8, as: UTF8.self) }
        /// Unicode scalar offset in `text` where each unit starts, with the unit.
        let pieces: [(start: Int, unit: ProseUnits.Unit)]
    }

    /// A long sentence, for the report and the register.
    struct LongSentence: Sendable, Hashable {
        let line: Int
        let column: Int
        let words: Int
    }

    struct Outcome: Sendable {
        let scores: ReadabilityScores?
        let longSentences: [LongSentence]
        let findings: [Finding]
    }

    /// Paragraphs and list items outside quotes, code spans dropped, each ended as a
    /// sentence, one a line; offsets in Unicode scalars, as `ReadabilityScores` counts.
    /// Built in UTF-8: String appends and searches here cost more than the scoring.
    static func scoredText(_ prose: ProseUnits) -> ScoredText {
        var text: [UInt8] = []
        var scalars = 0
        // Labelled as `ScoredText` labels them: an unlabelled array converts by a runtime
        // cast of every element.
        var pieces: [(start: Int, unit: ProseUnits.Unit)] = []
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        for unit in prose.units where unit.kind == .paragraph && !unit.inBlockQuote && !unit.isFrontMatter {
            var piece = Array(unit.text.utf8)
            if piece.contains(Self.placeholder[0]) { piece = Self.removingPlaceholders(piece) }
            guard let first = piece.firstIndex(where: { !isBlank($0) }), let last = piece.lastIndex(where: { !isBlank($0) }) else { continue }
            pieces.append((scalars, unit))
            let start = text.count
            text += piece[first...last]
            if ![0x2E, 0x21, 0x3F].contains(piece[last]) { text.append(0x2E) }
            text.append(0x0A)
            // Every byte but a continuation byte starts a scalar.
            scalars += text[start...].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        }
        return ScoredText(utf8: text, pieces: pieces)
    }

    /// A code span's placeholder, U+FFFC, in UTF-8.
    private static let placeholder = Array(String(ProseBlock.codePlaceholder).utf8)

    /// `bytes` without any placeholder: byte by byte, as Foundation's `replacingOccurrences`
    /// cost a tenth of the scoring.
    static func removingPlaceholders(_ bytes: [UInt8]) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == placeholder[0], bytes[index...].starts(with: placeholder) {
                index += placeholder.count
            } else {
                kept.append(bytes[index])
                index += 1
            }
        }
        return kept
    }

    func check(_ document: SourceDocument, prose: ProseUnits) -> Outcome {
        let scored = Self.scoredText(prose)
        guard !scored.pieces.isEmpty else { return Outcome(scores: nil, longSentences: [], findings: []) }
        let scores = ReadabilityScores(utf8: scored.utf8)
        let file = prose.file
        let firstLine = scored.pieces[0].unit.firstLine
        var findings: [Finding] = []
        let long = scores.sentenceSpans.filter { $0.words > settings.longSentenceWords }
        let scalars = long.isEmpty ? [] : Array(scored.text.unicodeScalars)
        var longSentences: [LongSentence] = []
        for span in long {
            guard let piece = scored.pieces.last(where: { $0.start <= span.start }) else { continue }
            let sentence = Substring(String(String.UnicodeScalarView(scalars[span.start..<span.end])))
            let opening = ProseUnits.words(in: sentence).prefix(4).joined(separator: " ")
            let (line, column) = prose.locate(opening, occurrence: 0, in: piece.unit)
            longSentences.append(LongSentence(line: line, column: column, words: span.words))
            findings.append(Finding(.readability, file.diagnostic(
                .info, "sentence of \(span.words) words; aim for \(settings.longSentenceWords) or fewer", line: line, column: column,
                notes: ["split it, or move detail into a list"])))
        }
        guard scores.words >= settings.readabilityMinimumWords else {
            return Outcome(scores: scores, longSentences: longSentences, findings: findings)
        }
        let grade = Self.rounded(scores.fleschKincaidGrade)
        let summary = "Flesch–Kincaid grade \(grade) (reading age about \(Self.readingAge(scores.fleschKincaidGrade))), "
            + "Flesch Reading Ease \(Self.rounded(scores.fleschReadingEase)), \(Self.rounded(scores.meanSentenceLength)) words a sentence"
            + (scores.smog.map { ", SMOG \(Self.rounded($0))" } ?? "")
        if scores.fleschKincaidGrade > settings.readingGradeWarning {
            findings.append(Finding(.readability, file.diagnostic(
                .warning, "hard to read: \(summary); keep it at grade \(Self.rounded(settings.readingGradeWarning)) or below",
                line: firstLine, notes: ["aim for grade \(Self.rounded(settings.readingGradeTarget)) (reading age 9 to 11): shorter sentences, everyday words"])))
        } else if scores.fleschKincaidGrade > settings.readingGradeTarget || scores.fleschReadingEase < settings.readingEaseTarget {
            findings.append(Finding(.readability, file.diagnostic(
                .info, "above the reading target: \(summary); the target is grade \(Self.rounded(settings.readingGradeTarget)) and ease \(Self.rounded(settings.readingEaseTarget)) or more",
                line: firstLine)))
        }
        if scores.meanSentenceLength > settings.meanSentenceWords {
            findings.append(Finding(.readability, file.diagnostic(
                .info, "sentences average \(Self.rounded(scores.meanSentenceLength)) words; aim for 15 to \(Self.rounded(settings.meanSentenceWords))",
                line: firstLine)))
        }
        return Outcome(scores: scores, longSentences: longSentences, findings: findings)
    }

    /// UK reading age from a US grade (DOMAIN.md §3.2: grade + 5).
    static func readingAge(_ grade: Double) -> Int { max(5, Int((grade + 5).rounded())) }

    /// One decimal place, without a trailing `.0` noise: `6.2`, `8`.
    static func rounded(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
        // In integers: Foundation's `String(format:)` cost more than scoring the text.
        let tenths = Int((value * 10).rounded())
        if tenths % 10 == 0 { return String(tenths / 10) }
        return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
