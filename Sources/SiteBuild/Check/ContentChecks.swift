import CommonMark
import SiteModel

/// The per-document checks (language, readability, trust, safe messaging): a build runs
/// them on each document as it renders it, the preview over the documents that changed.
/// Assembles the report once the generated-page link check has run too.
struct ContentChecks: Sendable {
    let content: SiteContent
    let guide: LanguageGuide
    let today: Day
    /// Whether info findings are wanted: `hub check` and the preview show them; a build
    /// shows only errors and warnings, so it skips the language terms that could only be info.
    var reportsInfo = true

    /// What the checks found in one document.
    struct DocumentOutcome: Sendable {
        let document: SourceDocument
        let findings: [Finding]
        let readability: ReadabilityCheck.Outcome?
    }

    private var settings: CheckSettings { content.config.checks }

    /// The per-document checks of `documents` alone, each parsed for its prose (the preview
    /// re-checks what changed; a build checks each body as it renders it, `check(_:prose:)`).
    func run(_ documents: [SourceDocument], jobs: Int) -> [DocumentOutcome] {
        let renderer = MarkdownRenderer(allowsRawHTML: false)
        return ParallelMap.map(documents, jobs: jobs) { check($0, prose: ProseUnits(document: $0, renderer: renderer)) }
    }

    /// Every per-document check of `document`, whose prose is `prose`.
    func check(_ document: SourceDocument, prose: ProseUnits) -> DocumentOutcome {
        var findings = LanguageCheck(guide: guide, settings: settings, reportsInfo: reportsInfo).findings(for: document, prose: prose)
        let scores = document.kind == .article ? ReadabilityCheck(settings: settings).check(document, prose: prose) : nil
        findings += scores?.findings ?? []
        findings += TrustCheck(today: today, settings: settings).findings(for: document)
        findings += SafeMessagingCheck(settings: settings).findings(for: document)
        return DocumentOutcome(document: document, findings: findings, readability: scores)
    }

    /// Site-wide findings: urgent-help contacts, and the urgent-help box on safe-messaging pages.
    func siteFindings(contactsFile: SourceText?, pages: [String: HTMLLinks]) -> [Finding] {
        var findings = TrustCheck(today: today, settings: settings).findings(for: content.contacts, file: contactsFile)
        let safeMessaging = SafeMessagingCheck(settings: settings)
        for document in content.articles where safeMessaging.applies(to: document) {
            let page = document.sitePath.filePath
            guard pages[page]?.ids.contains(SafeMessagingCheck.urgentHelpID) != true || content.contacts.isEmpty else { continue }
            let file = SourceText(path: document.path, text: document.text)
            let location = document.frontMatter.topics.first?.location ?? file.location(line: 1)
            findings.append(Finding(.safeMessaging, file.diagnostic(
                .error, "the page \(page) does not show the urgent-help box (an element with id '\(SafeMessagingCheck.urgentHelpID)' listing the contacts)",
                line: location.line, column: location.column,
                notes: ["keep {{>partials/urgent-help}} in Templates/base.mustache and at least one contact in Content/data/crisis.yml"])))
        }
        return findings
    }

    /// The report: every finding, and a record per document with its counts.
    func report(outcomes: [DocumentOutcome], otherFindings: [Finding]) -> CheckReport {
        let findings = outcomes.flatMap(\.findings) + otherFindings
        var counts: [String: [Finding.Severity: Int]] = [:]
        for finding in findings {
            guard let path = finding.diagnostic.location?.path else { continue }
            counts[path, default: [:]][finding.severity, default: 0] += 1
        }
        let trust = TrustCheck(today: today, settings: settings)
        let records = outcomes.sorted { $0.document.path < $1.document.path }.map { outcome -> DocumentRecord in
            let document = outcome.document, matter = document.frontMatter
            let status: DocumentRecord.ReviewStatus
            switch trust.reviewStatus(document) {
            case .current: status = .current
            case .due: status = .due
            case .overdue: status = .overdue
            case .none: status = .none
            }
            let count = counts[document.path] ?? [:]
            return DocumentRecord(
                path: document.path, kind: document.kind, slug: document.slug, title: matter.title,
                owner: matter.authors.first?.name ?? "", reviewers: matter.reviewers,
                lastReviewed: matter.lastReviewed?.value, nextReview: matter.nextReview?.value, reviewStatus: status,
                sources: matter.sources.count, readability: outcome.readability?.scores,
                longSentences: outcome.readability?.longSentences.map { ($0.line, $0.words) } ?? [],
                errors: count[.error] ?? 0, warnings: count[.warning] ?? 0, info: count[.info] ?? 0)
        }
        return CheckReport(today: today, siteTitle: content.config.title, findings: findings, documents: records)
    }
}
