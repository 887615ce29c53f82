import Foundation
import SearchIndex
import SiteModel

/// What the content checks found in each document and its counted search words, kept
/// beside the output (`.Public.cache`) for the next `hub build`: a fifth of a build's work,
/// and a function of the document's own text and of inputs the whole site shares.
///
/// An entry is found by the fingerprint of its document's path and text. The file as a
/// whole stands only for one fingerprint of everything else the checks read (`inputs`):
/// the site's configuration and data files, the date, whether info is wanted, and the hub
/// executable. A file that is missing, damaged or made for other inputs reads as empty.
final class DocumentCache: @unchecked Sendable {
    struct Entry {
        let findings: [Finding]
        let readability: ReadabilityCheck.Outcome?
        let words: ArticleWords.Counted?
    }

    private let file: String?
    /// The last build's file, and where each entry is in it.
    private let stored: Data
    private let ranges: [Fingerprint: Range<Int>]
    /// This build's entries go straight to the next build's file as they come, rather than
    /// waiting in memory (60 MB at 10,000 articles); it replaces `file` on `save()`.
    private let lock = NSLock()
    private var next: BinaryWriter
    /// Open until `save()`; -1 when nothing is kept.
    private var nextDescriptor: Int32

    private static let magic = "hub-document-cache-2"

    /// The cache in `file` if it was made for `inputs`; nil `file` caches nothing.
    init(file: String?, inputs: Fingerprint) {
        self.file = file
        let data = file.flatMap { FileManager.default.contents(atPath: $0) } ?? Data()
        stored = data
        ranges = data.withUnsafeBytes { bytes -> [Fingerprint: Range<Int>] in
            var reader = BinaryReader(bytes)
            guard reader.text() == Self.magic, let high = reader.word(), let low = reader.word(),
                  Fingerprint(high: high, low: low) == inputs else { return [:] }
            var ranges: [Fingerprint: Range<Int>] = [:]
            while !reader.isAtEnd {
                guard let high = reader.word(), let low = reader.word(), let blob = reader.raw() else { return [:] }
                ranges[Fingerprint(high: high, low: low)] = blob.startIndex..<blob.endIndex
            }
            return ranges
        }
        nextDescriptor = file.map { open($0 + ".new", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) } ?? -1
        next = BinaryWriter()
        next.text(Self.magic)
        next.word(inputs.high)
        next.word(inputs.low)
    }

    deinit {
        // Not saved: the build stopped before its end, and the file it began is dropped.
        guard nextDescriptor >= 0, let file else { return }
        close(nextDescriptor)
        unlink(file + ".new")
    }

    private var isKeeping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return nextDescriptor >= 0
    }

    /// The fingerprint everything but the documents gives: the site's configuration and data
    /// files (not the templates, which no check reads), the date and the mode.
    static func inputs(_ site: LoadedSite, today: Day, reportsInfo: Bool) -> Fingerprint {
        Fingerprint { hasher in
            hasher.combine(ExecutableIdentity.fingerprint)
            for source in [site.siteConfig, site.crisisContacts] + [site.synonyms, site.languageGuide].compactMap({ $0 }) {
                hasher.combine(source.path)
                hasher.combine(source.text)
            }
            hasher.combine(today.iso)
            hasher.combine(reportsInfo ? 1 : 0)
        }
    }

    static func key(for document: SourceDocument) -> Fingerprint {
        key(kind: document.kind, path: document.path, text: document.text)
    }

    /// The key of the document of this kind at `path` whose file reads `text`.
    static func key(kind: DocumentKind, path: String, text: String) -> Fingerprint {
        Fingerprint { hasher in
            hasher.combine(kind == .article ? 1 : 2)
            hasher.combine(path)
            hasher.combine(text)
        }
    }

    /// The entry the last build left for a document with this key, kept for the next build.
    func entry(for key: Fingerprint) -> Entry? {
        guard let range = ranges[key], let entry = stored.withUnsafeBytes({ bytes -> Entry? in
            var reader = BinaryReader(UnsafeRawBufferPointer(rebasing: bytes[range]))
            return Self.entry(&reader)
        }) else { return nil }
        stored.withUnsafeBytes { keep(UnsafeRawBufferPointer(rebasing: $0[range]), for: key) }
        return entry
    }

    func store(_ entry: Entry, for key: Fingerprint) {
        guard isKeeping else { return }
        var writer = BinaryWriter()
        Self.write(entry, to: &writer)
        writer.bytes.withUnsafeBytes { keep($0, for: key) }
    }

    private func keep(_ blob: UnsafeRawBufferPointer, for key: Fingerprint) {
        lock.lock()
        defer { lock.unlock() }
        guard nextDescriptor >= 0 else { return }
        next.word(key.high)
        next.word(key.low)
        next.raw(blob)
        if next.bytes.count > 1 << 20 { _ = next.flush(to: nextDescriptor) }
    }

    /// Makes this build's entries (only theirs: a deleted document's go) the next build's.
    /// A cache that cannot be written costs the next build time, nothing else.
    func save() {
        lock.lock()
        defer { lock.unlock() }
        guard nextDescriptor >= 0, let file else { return }
        let written = next.flush(to: nextDescriptor) && next.failures == 0
        close(nextDescriptor)
        nextDescriptor = -1
        if !written || rename(file + ".new", file) != 0 { unlink(file + ".new") }
    }

    // MARK: Encoding

    private static func write(_ entry: Entry, to writer: inout BinaryWriter) {
        writer.list(entry.findings, writeFinding)
        writer.optional(entry.readability) { writer, outcome in
            writer.optional(outcome.scores) { writer, scores in
                writer.count(scores.sentences)
                writer.count(scores.words)
                writer.count(scores.syllables)
                writer.count(scores.polysyllables)
                writer.word(scores.meanSentenceLength.bitPattern)
                writer.word(scores.fleschReadingEase.bitPattern)
                writer.word(scores.fleschKincaidGrade.bitPattern)
                writer.optional(scores.smog) { $0.word($1.bitPattern) }
                writer.list(scores.sentenceSpans) { writer, span in
                    writer.count(span.start)
                    writer.count(span.end)
                    writer.count(span.words)
                }
            }
            writer.list(outcome.longSentences) { writer, sentence in
                writer.count(sentence.line)
                writer.count(sentence.column)
                writer.count(sentence.words)
            }
            writer.list(outcome.findings, writeFinding)
        }
        writer.optional(entry.words) { writer, words in
            writer.raw(words.wordBytes)
            // Each word's length rather than its end: one byte instead of up to three.
            var start = 0
            writer.list(words.wordEnds) { writer, end in
                writer.count(end - start)
                start = end
            }
            writer.list(words.fieldCounts) { writer, counts in
                let values = counts.values
                writer.count(Int(values.0))
                writer.count(Int(values.1))
                writer.count(Int(values.2))
                writer.count(Int(values.3))
            }
        }
    }

    private static func writeFinding(_ writer: inout BinaryWriter, _ finding: Finding) {
        writer.text(finding.rule.rawValue)
        let diagnostic = finding.diagnostic
        writer.text(diagnostic.severity.rawValue)
        writer.text(diagnostic.message)
        writer.optional(diagnostic.location) { writer, location in
            writer.text(location.path)
            writer.count(location.line)
            writer.count(location.column)
        }
        writer.optional(diagnostic.sourceLine) { $0.text($1) }
        writer.list(diagnostic.notes) { $0.text($1) }
        writer.optional(finding.phrase) { $0.text($1) }
        writer.optional(finding.suggestion) { $0.text($1) }
    }

    private static func entry(_ reader: inout BinaryReader) -> Entry? {
        guard let findings = reader.list(finding),
              let readability = reader.optional({ reader -> ReadabilityCheck.Outcome? in
                  guard let scores = reader.optional(readabilityScores), let long = reader.list({ reader -> ReadabilityCheck.LongSentence? in
                      guard let line = reader.count(), let column = reader.count(), let words = reader.count() else { return nil }
                      return ReadabilityCheck.LongSentence(line: line, column: column, words: words)
                  }), let findings = reader.list(finding) else { return nil }
                  return ReadabilityCheck.Outcome(scores: scores, longSentences: long, findings: findings)
              }),
              let words = reader.optional(counted), reader.isAtEnd else { return nil }
        return Entry(findings: findings, readability: readability, words: words)
    }

    private static func readabilityScores(_ reader: inout BinaryReader) -> ReadabilityScores? {
        guard let sentences = reader.count(), let words = reader.count(), let syllables = reader.count(),
              let polysyllables = reader.count(), let mean = reader.word(), let ease = reader.word(), let grade = reader.word(),
              let smog = reader.optional({ $0.word() }),
              let spans = reader.list({ reader -> ReadabilityScores.SentenceSpan? in
                  guard let start = reader.count(), let end = reader.count(), let words = reader.count() else { return nil }
                  return ReadabilityScores.SentenceSpan(start: start, end: end, words: words)
              }) else { return nil }
        return ReadabilityScores(sentences: sentences, words: words, syllables: syllables, polysyllables: polysyllables,
                                 meanSentenceLength: Double(bitPattern: mean), fleschReadingEase: Double(bitPattern: ease),
                                 fleschKincaidGrade: Double(bitPattern: grade), smog: smog.map { Double(bitPattern: $0) },
                                 sentenceSpans: spans)
    }

    private static func counted(_ reader: inout BinaryReader) -> ArticleWords.Counted? {
        guard let bytes = reader.raw().map(Array.init), let lengths = reader.list({ $0.count() }),
              let counts = reader.list({ reader -> FieldCounts? in
                  guard let title = reader.count(), let headings = reader.count(), let summary = reader.count(),
                        let body = reader.count() else { return nil }
                  var counts = FieldCounts()
                  counts.values = (UInt16(clamping: title), UInt16(clamping: headings), UInt16(clamping: summary), UInt16(clamping: body))
                  return counts
              }) else { return nil }
        var end = 0
        return ArticleWords.Counted(wordBytes: bytes, wordEnds: lengths.map { end += $0; return end }, fieldCounts: counts)
    }

    private static func finding(_ reader: inout BinaryReader) -> Finding? {
        guard let rule = reader.text().flatMap(Finding.Rule.init(rawValue:)),
              let severity = reader.text().flatMap(Diagnostic.Severity.init(rawValue:)), let message = reader.text(),
              let location = reader.optional({ reader -> SourceLocation? in
                  guard let path = reader.text(), let line = reader.count(), let column = reader.count() else { return nil }
                  return SourceLocation(path: path, line: line, column: column)
              }),
              let sourceLine = reader.optional({ $0.text() }), let notes = reader.list({ $0.text() }),
              let phrase = reader.optional({ $0.text() }), let suggestion = reader.optional({ $0.text() }) else { return nil }
        return Finding(rule, Diagnostic(severity, message, at: location, sourceLine: sourceLine, notes: notes),
                       phrase: phrase, suggestion: suggestion)
    }
}
