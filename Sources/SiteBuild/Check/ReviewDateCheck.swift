import SiteModel

/// Warns about articles whose next review is close or past (PIF TICK: review at least
/// every three years, and show the dates).
struct ReviewDateCheck {
    let today: Day
    /// Warn this many days ahead, so the review can be booked in time.
    static let noticeDays = 60

    func warnings(for content: SiteContent) -> [Diagnostic] {
        content.documents.compactMap { document -> Diagnostic? in
            guard let next = document.frontMatter.nextReview else { return nil }
            let days = today.days(until: next.value)
            let file = SourceText(path: document.path, text: document.text)
            if days < 0 {
                return file.warning("review overdue: 'next_review' was \(next.value.iso), \(-days) days ago",
                                    line: next.location.line, column: next.location.column,
                                    notes: ["review the whole page, then update 'last_reviewed' and 'next_review'"])
            }
            if days <= Self.noticeDays {
                return file.warning("review due in \(days) days (\(next.value.iso))",
                                    line: next.location.line, column: next.location.column)
            }
            return nil
        }
    }
}
