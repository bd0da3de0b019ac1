/// A calendar date without time zone, in the proleptic Gregorian calendar, years 1 to 9999.
///
/// Stored as days since 1970-01-01, so comparison, hashing and day arithmetic are integer operations;
/// the year, month and day are derived on demand.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    ///
    /// Negative before 1970; from -719162 (0001-01-01) to 2932896 (9999-12-31).
    public let daysSinceEpoch: Int

    /// Days since the epoch of 0001-01-01, the first representable day.
    static let minDaysSinceEpoch = Day.days(year: 1, month: 1, day: 1)
    /// Days since the epoch of 9999-12-31, the last representable day.
    static let maxDaysSinceEpoch = Day.days(year: 9999, month: 12, day: 31)

    /// Creates a day from its calendar fields.
    ///
    /// - Parameters:
    ///   - year: 1 to 9999.
    ///   - month: 1 to 12.
    ///   - day: 1 to the length of the month (29 in February of leap years).
    /// - Returns: `nil` for dates that do not exist, such as 2023-02-29 or month 13.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Self.length(ofMonth: month, year: year)
        else { return nil }
        daysSinceEpoch = Self.days(year: year, month: month, day: day)
    }

    /// Parses the ISO 8601 form `yyyy-MM-dd` (as stored in the database); `nil` for anything else.
    public init?(iso text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in utf8[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Creates the day a number of days after 1970-01-01.
    ///
    /// Values outside years 1 to 9999 are clamped to 0001-01-01 or 9999-12-31.
    ///
    /// - Parameter daysSinceEpoch: Days since 1970-01-01; 0 is 1970-01-01.
    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = min(max(daysSinceEpoch, Self.minDaysSinceEpoch), Self.maxDaysSinceEpoch)
    }

    /// The year.
    ///
    /// 1 to 9999, derived from ``daysSinceEpoch``.
    public var year: Int { fields.year }

    /// The month.
    ///
    /// 1 (January) to 12 (December), derived from ``daysSinceEpoch``.
    public var month: Int { fields.month }

    /// The day of the month.
    ///
    /// 1 to 28, 29, 30 or 31 depending on the month, derived from ``daysSinceEpoch``.
    public var day: Int { fields.day }

    /// The day `days` later (earlier when negative), clamped to years 1 to 9999.
    ///
    /// - Parameter days: Days to add.
    /// - Returns: The resulting day.
    public func adding(days: Int) -> Day {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        return Day(daysSinceEpoch: overflow ? (days < 0 ? Int.min : Int.max) : sum)
    }

    /// The same day of the month `months` later, clamped to the end of a shorter month.
    ///
    /// 2024-01-31 plus one month is 2024-02-29. Results are clamped to years 1 to 9999.
    ///
    /// - Parameter months: Months to add (negative to subtract).
    /// - Returns: The resulting day.
    public func adding(months: Int) -> Day {
        let current = fields
        let limit = 12 * 10_000
        let total = current.year * 12 + (current.month - 1) + max(min(months, limit), -limit)
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        if year < 1 { return Day(daysSinceEpoch: Self.minDaysSinceEpoch) }
        if year > 9999 { return Day(daysSinceEpoch: Self.maxDaysSinceEpoch) }
        let day = min(current.day, Self.length(ofMonth: month, year: year))
        return Day(daysSinceEpoch: Self.days(year: year, month: month, day: day))
    }

    /// The last day of this day's month: 2024-02-10 gives 2024-02-29, 2023-02-10 gives 2023-02-28.
    public var lastOfMonth: Day {
        let current = fields
        return Day(
            daysSinceEpoch: Self.days(
                year: current.year, month: current.month, day: Self.length(ofMonth: current.month, year: current.year)))
    }

    /// The same day `years` later, with February 29 becoming February 28 in common years.
    ///
    /// - Parameter years: Years to add (negative to subtract).
    /// - Returns: The resulting day, clamped to years 1 to 9999.
    public func adding(years: Int) -> Day {
        adding(months: max(min(years, 10_000), -10_000) * 12)
    }

    /// The ISO 8601 form.
    ///
    /// Always `yyyy-MM-dd` with zero padding, such as `0001-01-01` or `2024-02-29`.
    public var description: String {
        let current = fields
        return Self.padded(current.year, 4) + "-" + Self.padded(current.month, 2) + "-" + Self.padded(current.day, 2)
    }

    /// Whether `lhs` comes before `rhs`.
    ///
    /// Days order chronologically, by ``daysSinceEpoch``.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// Whether `year` has a February 29.
    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Number of days in `month` of `year`.
    static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a valid date (H. Hinnant's `days_from_civil`).
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Calendar fields of this day (H. Hinnant's `civil_from_days`).
    private var fields: (year: Int, month: Int, day: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
