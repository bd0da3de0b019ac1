import Values

/// A `min` or `max` date limit in a mapping: a fixed day, or an offset from the day of the run.
///
/// Written as `2020-08-01`, `today`, or `today` followed by a signed count and a unit: `d` (days),
/// `w` (weeks, stored as days), `m` (months) or `y` (years), as in `today+30d`, `today-2w`, `today+6m`,
/// `today-1y`. Spaces around the text are ignored; `today` and the units may be in any case.
public enum DateBound: Sendable, Equatable {
    /// A fixed day.
    ///
    /// Written `yyyy-MM-dd`, for example `2020-08-01`.
    case absolute(Day)
    /// The run's day plus a number of days.
    ///
    /// Negative for earlier days; `today` is `relative(days: 0)` and weeks are stored as 7 days each.
    case relative(days: Int)
    /// The run's day plus a number of months.
    ///
    /// The day of the month is clamped to the end of a shorter month: Aug 31 + 1 month is Sep 30.
    case relativeMonths(Int)
    /// The run's day plus a number of years.
    ///
    /// February 29 becomes February 28 when the target year is not a leap year.
    case relativeYears(Int)

    /// Parses a limit as written in a mapping.
    ///
    /// - Parameter text: `yyyy-MM-dd`, `today`, or `today±N` with unit `d`, `w`, `m` or `y`.
    /// - Throws: ``DateFormatError`` naming the offset of the problem.
    public init(parsing text: String) throws(DateFormatError) {
        let bytes = Array(text.utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        let keyword = Array("today".utf8)
        guard end - start >= keyword.count, zip(bytes[start...], keyword).allSatisfy({ $0 | 0x20 == $1 }) else {
            self = .absolute(try Self.absoluteDay(bytes[start..<end], at: start))
            return
        }
        var index = start + keyword.count
        guard index < end else {
            self = .relative(days: 0)
            return
        }
        guard bytes[index] == 0x2B || bytes[index] == 0x2D else {
            throw DateFormatError(offset: index, message: "expected '+' or '-' after 'today'")
        }
        let negative = bytes[index] == 0x2D
        index += 1
        let digitsStart = index
        var count = 0
        while index < end, case let digit = bytes[index] &- 0x30, digit < 10 {
            guard index - digitsStart < 6 else {
                throw DateFormatError(offset: digitsStart, message: "the offset has more than 6 digits")
            }
            count = count * 10 + Int(digit)
            index += 1
        }
        guard index > digitsStart else {
            throw DateFormatError(offset: index, message: "expected a number after the sign")
        }
        guard index + 1 == end else {
            throw DateFormatError(offset: index, message: "expected one unit after the number: d, w, m or y")
        }
        let signed = negative ? -count : count
        switch bytes[index] | 0x20 {
        case 0x64: self = .relative(days: signed)
        case 0x77: self = .relative(days: signed * 7)
        case 0x6D: self = .relativeMonths(signed)
        case 0x79: self = .relativeYears(signed)
        default: throw DateFormatError(offset: index, message: "unknown unit; use d, w, m or y")
        }
    }

    /// The day this limit stands for on a run whose day is `today`.
    ///
    /// - Parameter today: The day of the run (the file's processing day).
    /// - Returns: The absolute day, or `today` moved by the offset.
    public func resolve(today: Day) -> Day {
        switch self {
        case .absolute(let day): return day
        case .relative(let days): return today.adding(days: days)
        case .relativeMonths(let months): return today.adding(months: months)
        case .relativeYears(let years): return today.adding(years: years)
        }
    }

    /// Parses a `yyyy-MM-dd` limit found at offset `start` of the text.
    private static func absoluteDay(_ bytes: ArraySlice<UInt8>, at start: Int) throws(DateFormatError) -> Day {
        let text = String(decoding: bytes, as: UTF8.self)
        if let day = DateFormat.iso.parse(text) { return day }
        let shaped =
            bytes.count == 10
            && bytes.enumerated().allSatisfy { offset, byte in
                offset == 4 || offset == 7 ? byte == 0x2D : byte &- 0x30 < 10
            }
        throw DateFormatError(
            offset: start,
            message: shaped
                ? "'\(text)' is not a calendar date"
                : "expected a date as yyyy-MM-dd, 'today' or 'today±N' with unit d, w, m or y")
    }
}
