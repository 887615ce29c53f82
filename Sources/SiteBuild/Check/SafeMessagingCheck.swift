import SiteModel

/// Safe messaging for articles on suicide and self-harm (DOMAIN.md §1.2, §4.4): a content
/// note before the body, and the urgent-help box on the page. Method detail is raised to an
/// error by the language guide's `safe_messaging_severity` column.
struct SafeMessagingCheck: Sendable {
    let settings: CheckSettings

    /// The id the urgent-help box carries in every generated page.
    static let urgentHelpID = "urgent-help"

    func applies(to document: SourceDocument) -> Bool {
        document.kind == .article && !Set(document.frontMatter.topics.map(\.value)).isDisjoint(with: settings.safeMessagingTopics)
    }

    func findings(for document: SourceDocument) -> [Finding] {
        guard applies(to: document), document.frontMatter.contentNote?.isEmpty ?? true else { return [] }
        let file = SourceText(path: document.path, text: document.text)
        let topic = document.frontMatter.topics.first { settings.safeMessagingTopics.contains($0.value) }
        let location = topic?.location ?? file.location(line: 1)
        return [Finding(.safeMessaging, file.diagnostic(
            .error, "articles on '\(topic?.value ?? "suicide")' need a 'content_note'", line: location.line, column: location.column,
            notes: ["a short, factual note, e.g. 'This page talks about suicide. If you need help now, see the contacts below.'"]))]
    }
}
