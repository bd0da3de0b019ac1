/// A time of day to the minute, without date or time zone.
///
/// Parsed from 24-hour `H:mm`, `HH:mm` and `HH:mm:ss`, or 12-hour `h:mm AM` / `h:mmpm` (any case, an
/// optional single space, optional `:ss`). Seconds are validated and then dropped.
public struct TimeOfDay: Sendable, Hashable, Comparable {
    /// Minutes since midnight.
    ///
    /// 0 (00:00) to 1439 (23:59).
    public var minutes: Int

    /// Creates a time from minutes since midnight.
    ///
    /// - Parameter minutes: 0 (00:00) to 1439 (23:59).
    /// - Returns: `nil` outside that range.
    public init?(minutes: Int) {
        guard (0..<1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Whether `lhs` is earlier in the day.
    ///
    /// Times order from midnight on, by ``minutes``.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutes < rhs.minutes
    }

    /// Parses a time of day.
    ///
    /// Accepts `9:05`, `09:05`, `21:05:30`, `9:05 PM`, `9:05pm`, `12:00 AM` (midnight). Hours run 0–23
    /// without a suffix and 1–12 with one; minutes and seconds need two digits, 00–59.
    ///
    /// - Parameter bytes: UTF-8 text, all of which must be the time.
    /// - Returns: The time, or `nil` when the text is not one of the accepted forms.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> TimeOfDay? {
        var index = 0
        guard let hour = number(bytes, &index, minDigits: 1), index < bytes.count, bytes[index] == 0x3A else {
            return nil
        }
        index += 1
        guard let minute = number(bytes, &index, minDigits: 2), minute < 60 else { return nil }
        if index < bytes.count, bytes[index] == 0x3A {
            index += 1
            guard let second = number(bytes, &index, minDigits: 2), second < 60 else { return nil }
        }
        if index == bytes.count {
            return hour < 24 ? TimeOfDay(minutes: hour * 60 + minute) : nil
        }
        if bytes[index] == 0x20 { index += 1 }
        guard index + 2 == bytes.count, bytes[index + 1] | 0x20 == 0x6D, (1...12).contains(hour) else { return nil }
        switch bytes[index] | 0x20 {
        case 0x61: return TimeOfDay(minutes: (hour % 12) * 60 + minute)  // am
        case 0x70: return TimeOfDay(minutes: (hour % 12 + 12) * 60 + minute)  // pm
        default: return nil
        }
    }

    /// Reads `minDigits` to 2 ASCII digits at `index`.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, minDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while count < 2, index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { break }
            value = value * 10 + Int(digit)
            count += 1
            index += 1
        }
        return count >= minDigits ? value : nil
    }
}
