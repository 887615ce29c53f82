import SiteModel

/// Trust metadata (PIF TICK, DOMAIN.md §2): reviews on time, sources where the topic needs
/// evidence, the reviewer kinds a topic needs, and urgent-help contacts checked recently.
struct TrustCheck: Sendable {
    let today: Day
    let settings: CheckSettings

    /// Whether a document's next review is far off, close or past.
    enum ReviewStatus: String, Sendable {
        case current, due, overdue, none
    }

    func reviewStatus(_ document: SourceDocument) -> ReviewStatus {
        guard let next = document.frontMatter.nextReview else { return .none }
        let days = today.days(until: next.value)
        return days < 0 ? .overdue : days <= settings.reviewNoticeDays ? .due : .current
    }

    func findings(for document: SourceDocument) -> [Finding] {
        let file = SourceText(path: document.path, text: document.text)
        let matter = document.frontMatter
        var findings: [Finding] = []
        if let next = matter.nextReview {
            let days = today.days(until: next.value)
            if days < 0 {
                findings.append(Finding(.trust, file.diagnostic(
                    .error, "review overdue: 'next_review' was \(next.value.iso), \(days == -1 ? "1 day" : "\(-days) days") ago",
                    line: next.location.line, column: next.location.column,
                    notes: ["the page stays up; review the whole page, then update 'last_reviewed' and 'next_review'"])))
            } else if days <= settings.reviewNoticeDays {
                findings.append(Finding(.trust, file.diagnostic(
                    .warning, "review due in \(days == 1 ? "1 day" : "\(days) days") (\(next.value.iso))",
                    line: next.location.line, column: next.location.column, notes: ["book the review now"])))
            }
        }
        guard document.kind == .article else { return findings }
        let topics = Set(matter.topics.map(\.value))
        let topicLocation = matter.topics.first?.location ?? file.location(line: 1)
        if matter.sources.isEmpty, let topic = settings.sourcesRequiredTopics.first(where: topics.contains) {
            findings.append(Finding(.trust, file.diagnostic(
                .error, "articles on '\(topic)' must list their sources", line: topicLocation.line, column: topicLocation.column,
                notes: ["add 'sources:' with title, publisher, url and accessed for the evidence behind the facts (PIF TICK criterion 4)"])))
        }
        let kinds = Set(matter.reviewers.map(\.kind))
        for rule in settings.reviewersRequired where topics.contains(rule.topic.value) {
            for kind in rule.kinds where !kinds.contains(kind) {
                findings.append(Finding(.trust, file.diagnostic(
                    .warning, "articles on '\(rule.topic.value)' need a \(kind.rawValue) reviewer", line: topicLocation.line,
                    column: topicLocation.column, notes: ["add a reviewer with 'kind: \(kind.rawValue)' once they have checked the page"])))
            }
        }
        // `http:` source addresses are flagged by the link check, at the source's line.
        return findings
    }

    /// Urgent-help contacts not verified within `crisisVerifiedDays`.
    func findings(for contacts: [CrisisContact], file: SourceText?) -> [Finding] {
        contacts.compactMap { contact in
            let verified = contact.lastVerified
            let age = verified.value.days(until: today)
            guard age > settings.crisisVerifiedDays else { return nil }
            let diagnostic = Diagnostic(.warning, "'\(contact.name)' was last verified \(age) days ago (\(verified.value.iso)); check it every \(settings.crisisVerifiedDays) days",
                                        at: verified.location, sourceLine: file?.line(verified.location.line),
                                        notes: ["call or visit the service's own page, then update 'last_verified'"])
            return Finding(.trust, diagnostic)
        }
    }
}
