#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension Day {
    /// The current day at a fixed offset from UTC, read from the system clock.
    ///
    /// This is the only impure member of the value types; pass the result down (for example as the
    /// `today` of a validator) so that everything else stays testable.
    ///
    /// - Parameter utcOffsetSeconds: Offset of the local calendar from UTC, such as `-18000` for UTC−5.
    /// - Returns: The day containing now plus the offset.
    public static func today(utcOffsetSeconds: Int = 0) -> Day {
        let seconds = Int(time(nil)) + utcOffsetSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return Day(daysSinceEpoch: days)
    }
}
