import Values

/// A school year such as `2024-2025`, running from 1 July to 30 June.
public struct SchoolYear: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar year it starts in.
    public var startYear: Int

    /// Creates the school year starting in `startYear`.
    public init(startYear: Int) {
        self.startYear = startYear
    }

    /// Parses `YYYY-YYYY` (second year = first + 1) or `YYYY-YY`; `nil` otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let first = Int(parts[0]), let second = Int(parts[1]) else {
            return nil
        }
        let expected = parts[1].count == 2 ? (first + 1) % 100 : first + 1
        guard parts[1].count == 4 || parts[1].count == 2, second == expected else { return nil }
        startYear = first
    }

    /// The school year a day falls in (July starts a new one).
    public static func containing(_ day: Day) -> SchoolYear {
        SchoolYear(startYear: day.month >= 7 ? day.year : day.year - 1)
    }

    /// `YYYY-YYYY`.
    public var description: String { "\(startYear)-\(startYear + 1)" }

    public static func < (lhs: SchoolYear, rhs: SchoolYear) -> Bool { lhs.startYear < rhs.startYear }
}
