import Foundation
import Values

/// A file kind a source must deliver by a local time on given weekdays (`expect:` of a source in dropgate.yaml).
///
/// Deadlines are wall-clock times in a named time zone, so they move with daylight saving time. A time that does
/// not exist on a spring-forward day moves forward by the gap (02:30 becomes 03:30); a time that occurs twice on a
/// fall-back day is its first occurrence.
public struct ExpectedArrival: Sendable, Equatable {
    /// Mapping kinds expected; each one is checked on its own.
    public var kinds: [String]
    /// The deadline's hour, 0–23.
    public var hour: Int
    /// The deadline's minute, 0–59.
    public var minute: Int
    /// Weekdays files are expected, 1 (Sunday) to 7 (Saturday) as in `Calendar`.
    public var weekdays: Set<Int>
    /// The zone the deadline and the days are read in.
    public var timeZone: TimeZone
    /// The entry's line in dropgate.yaml, for messages about it (0: not from a file).
    public var line: Int

    /// Creates an expectation: `kinds` by `hour:minute` on `weekdays` (1 = Sunday … 7 = Saturday) in `timeZone`.
    public init(kinds: [String], hour: Int, minute: Int, weekdays: Set<Int>, timeZone: TimeZone, line: Int = 0) {
        self.kinds = kinds
        self.hour = hour
        self.minute = minute
        self.weekdays = weekdays
        self.timeZone = timeZone
        self.line = line
    }

    /// Day names as written in dropgate.yaml, in `Calendar` weekday order (index + 1).
    public static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local date at `date` in ``timeZone``.
    public func day(of date: Date) -> Day {
        let fields = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: fields.year ?? 1970, month: fields.month ?? 1, day: fields.day ?? 1)
            ?? Day(daysSinceEpoch: 0)
    }

    /// Whether files are due on `day`: one of ``weekdays`` and not in `holidays`.
    public func isExpected(on day: Day, holidays: Set<Day>) -> Bool {
        // 1970-01-01 was a Thursday (weekday 5).
        let weekday = ((day.daysSinceEpoch + 4) % 7 + 7) % 7 + 1
        return weekdays.contains(weekday) && !holidays.contains(day)
    }

    /// The deadline on `day`: ``hour``:``minute`` local time.
    public func deadline(on day: Day) -> Date? {
        calendar.date(
            from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }

    /// The first moment of `day` in ``timeZone``: files from then on count for that day.
    public func start(of day: Day) -> Date? {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            .map { calendar.startOfDay(for: $0) }
    }

    /// `07:30 America/Los_Angeles`.
    public var deadlineText: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute) \(timeZone.identifier)"
    }
}
