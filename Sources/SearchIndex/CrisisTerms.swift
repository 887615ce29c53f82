/// Queries that pin the urgent-help box above the results: curated with the domain
/// notes, matched by the client word by word on folded words (stop words kept, so "kill
/// myself" is not just "kill"), with the same typo allowance as search.
public enum CrisisTerms {
    public static let phrases: [String] = [
        "suicide", "suicidal", "suicides", "self harm", "selfharm", "self harming", "self injury", "self injure",
        "want to die", "wanna die", "wish i was dead", "want to be dead", "kill myself", "killing myself",
        "end my life", "ending my life", "end it all", "take my life", "take my own life", "better off dead",
        "no reason to live", "cant go on", "overdose", "overdosed", "overdosing", "crisis", "hurt myself",
        "hurting myself", "harm myself", "harming myself", "cut myself", "cutting myself", "hang myself",
        "jump off", "in danger", "emergency", "urgent help", "help now",
    ]
}
