/// Someone who wrote an article (PIF TICK: say who produced the information).
public struct Author: Sendable, Hashable {
    public let name: String
    public let role: String

    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }
}

/// Someone who checked an article, and what kind of check it was.
public struct Reviewer: Sendable, Hashable {
    /// The kinds of review a trusted health publisher records.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case clinical
        case livedExperience = "lived-experience"
        case peer
        case legal

        /// "Clinical reviewer", shown next to the name.
        public var label: String {
            switch self {
            case .clinical: return "Clinical reviewer"
            case .livedExperience: return "Lived-experience reviewer"
            case .peer: return "Peer reviewer"
            case .legal: return "Legal reviewer"
            }
        }
    }

    public let name: String
    public let role: String
    public let kind: Kind

    public init(name: String, role: String, kind: Kind) {
        self.name = name
        self.role = role
        self.kind = kind
    }
}

/// Evidence behind an article's claims.
public struct Source: Sendable, Hashable {
    public let title: String
    public let publisher: String
    public let url: String
    public let accessed: Day

    public init(title: String, publisher: String, url: String, accessed: Day) {
        self.title = title
        self.publisher = publisher
        self.url = url
        self.accessed = accessed
    }
}

/// The UK nations, for content (benefits, law) that differs between them.
public enum Nation: String, Sendable, Hashable, CaseIterable {
    case england
    case wales
    case scotland
    case northernIreland = "northern-ireland"

    /// "Northern Ireland".
    public var name: String {
        switch self {
        case .england: return "England"
        case .wales: return "Wales"
        case .scotland: return "Scotland"
        case .northernIreland: return "Northern Ireland"
        }
    }
}
