/// How the members of one batch matched students, for the member reconciliation summary.
public struct MemberMatchCounts: Sendable, Equatable {
    /// Members seen.
    public private(set) var members = 0
    /// Members matched by CIN.
    public private(set) var matchedByCIN = 0
    /// Members matched by name and birth date.
    public private(set) var matchedByNameBirthdate = 0
    /// Members several students fit.
    public private(set) var ambiguous = 0
    /// Members no student fits.
    public private(set) var unmatched = 0

    /// Creates empty counts.
    public init() {}

    /// Counts one member's match.
    public mutating func count(_ match: MemberMatcher.Match) {
        members += 1
        switch match {
        case .matched(_, by: .cin): matchedByCIN += 1
        case .matched(_, by: .nameBirthdate): matchedByNameBirthdate += 1
        case .ambiguous: ambiguous += 1
        case .unmatched: unmatched += 1
        }
    }

    /// Members matched either way.
    public var matched: Int { matchedByCIN + matchedByNameBirthdate }

    /// Matched members as a percentage of members, to one decimal (0 with none).
    public var matchedPercent: Double {
        members == 0 ? 0 : (Double(matched) * 1000 / Double(members)).rounded() / 10
    }
}
