/// Something an output of the build reads. The preview re-renders an output only when
/// one of the inputs it read has changed.
///
/// Site-wide inputs (site.yml, crisis contacts, templates, assets) are not listed: every
/// page reads them, so a change to any of them re-renders everything.
public enum BuildInput: Hashable, Sendable {
    /// The Markdown after the front matter of the document at this source path.
    case body(String)
    /// The front matter of the document at this source path: what other pages show of it
    /// (title, summary, dates, topics, slug) and where it sorts.
    case listing(String)
    /// Which documents are published and in which topics: topic counts, lists, the A–Z.
    case documentSet
    /// Every document's listing, read by the pages that list them all (the A–Z, the
    /// sitemap): a change to any `listing` reaches the outputs that read this, without each
    /// of them recording 10,000 inputs.
    case everyListing
    /// A document's related articles in the order its page shows them, which text
    /// similarity across the whole site decides: an edit elsewhere can reorder them
    /// without changing any of their listings.
    case relatedArticles([String])
}
