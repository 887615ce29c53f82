import SiteModel
import Yams

/// Reads `site.yml`'s optional `checks:` block strictly into `CheckSettings`.
enum CheckSettingsReader {
    static let schema = YAMLSchema(
        required: [],
        optional: ["reading_grade_target", "reading_grade_warning", "reading_ease_target", "readability_minimum_words", "long_sentence_words",
                   "mean_sentence_words", "quotes_exempt", "sources_required_topics", "reviewers_required",
                   "safe_messaging_topics", "review_notice_days", "crisis_verified_days"])

    static func read(_ node: Node, reader: inout YAMLReader) -> CheckSettings {
        var settings = CheckSettings()
        guard let fields = reader.mapping(node, what: "checks", schema: schema) else { return settings }
        if let value = number(fields, "reading_grade_target", reader: &reader) { settings.readingGradeTarget = value }
        if let value = number(fields, "reading_grade_warning", reader: &reader) { settings.readingGradeWarning = value }
        if let value = number(fields, "reading_ease_target", reader: &reader) { settings.readingEaseTarget = value }
        if let value = number(fields, "mean_sentence_words", reader: &reader) { settings.meanSentenceWords = value }
        if let value = reader.integer(fields, "long_sentence_words") { settings.longSentenceWords = value }
        if let value = reader.integer(fields, "readability_minimum_words") { settings.readabilityMinimumWords = value }
        if let value = reader.bool(fields, "quotes_exempt") { settings.quotesExempt = value }
        if fields.values["sources_required_topics"] != nil {
            settings.sourcesRequiredTopics = reader.texts(fields, "sources_required_topics").map(\.value)
        }
        if fields.values["safe_messaging_topics"] != nil {
            settings.safeMessagingTopics = reader.texts(fields, "safe_messaging_topics").map(\.value)
        }
        settings.reviewersRequired = reader.list(fields, "reviewers_required") { reader, node in
            guard let item = reader.mapping(node, what: "a reviewers rule", schema: .init(required: ["topic", "kinds"], optional: [])),
                  let topic = reader.text(item, "topic"), let topicNode = item.values["topic"] else { return nil }
            let kinds = reader.choices(item, "kinds", as: Reviewer.Kind.self)
            return TopicReviewers(topic: Located(topic, at: reader.location(of: topicNode)), kinds: kinds)
        }
        if let value = reader.integer(fields, "review_notice_days") { settings.reviewNoticeDays = value }
        if let value = reader.integer(fields, "crisis_verified_days") { settings.crisisVerifiedDays = value }
        return settings
    }

    private static func number(_ fields: YAMLMapping, _ key: String, reader: inout YAMLReader) -> Double? {
        guard let node = fields.values[key], let text = reader.text(fields, key) else { return nil }
        guard let value = Double(text), value.isFinite else {
            reader.error("'\(key)' must be a number, not '\(text)'", at: node)
            return nil
        }
        return value
    }
}
