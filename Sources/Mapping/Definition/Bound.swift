import Values

/// A `min` or `max` limit of a field.
public enum Bound: Sendable, Equatable {
    /// A numeric limit for int, decimal and money fields.
    case number(FixedDecimal)
    /// A date limit, absolute or relative to the day of the run.
    case date(DateBound)
}
