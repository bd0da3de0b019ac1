/// Exponential backoff with full jitter for transient failures (DESIGN §4.6).
///
/// The delay before attempt `n + 1` is a random value in `0 ... min(cap, base × factor^(n-1))`.
public struct RetryPolicy: Sendable, Equatable {
    /// First delay ceiling, seconds.
    public var base: Double
    /// Growth per attempt.
    public var factor: Double
    /// Largest delay ceiling, seconds.
    public var cap: Double
    /// Attempts before a job is `dead`.
    public var maxAttempts: Int

    /// Creates a policy; defaults suit a drop folder (2 s growing to 5 min, 8 attempts).
    public init(base: Double = 2, factor: Double = 2, cap: Double = 300, maxAttempts: Int = 8) {
        self.base = base
        self.factor = factor
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// The ceiling of the delay after `attempt` failures (1-based).
    public func ceiling(afterAttempt attempt: Int) -> Double {
        let exponent = Double(max(0, attempt - 1))
        let grown = base * pow(factor, exponent)
        return grown.isFinite ? min(cap, grown) : cap
    }

    /// The delay after `attempt` failures, or `nil` when no attempt is left.
    ///
    /// - Parameter unit: a random value in `0..<1` (injectable for tests).
    public func delay(afterAttempt attempt: Int, unit: Double = Double.random(in: 0..<1)) -> Double? {
        guard attempt < maxAttempts else { return nil }
        return ceiling(afterAttempt: attempt) * unit
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 {
            result *= base
            remaining -= 1
            if !result.isFinite { break }
        }
        return result
    }
}
