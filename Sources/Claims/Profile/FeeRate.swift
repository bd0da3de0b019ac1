import Values

/// One period of a fee-schedule rate: the rate per unit in force from a day until the next period starts.
public struct FeeRate: Sendable, Equatable {
    /// The first service date the rate applies to; `nil` for the single `rate:` form (every day).
    public var from: Day?
    /// The rate per unit.
    public var rate: Money

    /// Creates a period.
    public init(from: Day?, rate: Money) {
        self.from = from
        self.rate = rate
    }
}
