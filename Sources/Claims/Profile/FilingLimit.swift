import Values

/// How long after a service a payer still accepts its claim (payer profile `filing_limit`).
///
/// A payer states its limit in its own terms, and the deadline is the last day a claim may be built:
/// - `months_after_service_month: N`: the last day of the Nth calendar month after the month of service.
///   Medi-Cal's six months: a service on any day of January 2026 has the deadline 2026-07-31; a December 2025
///   service, 2026-06-30. The day of the month of service does not matter, so January 31 and January 1 share
///   one deadline; month lengths and leap years come from the calendar (August 2025 + 6 gives 2026-02-28).
/// - `days_after_service: N`: the service date plus N days (365: a 2025-03-01 service has 2026-03-01).
///
/// A service is past the limit when the build day is after its deadline. With `delay_reason_code` set, such a
/// service is billed anyway and its claim carries the code in CLM20 (005010X222A1 loop 2300); without it the
/// claim build leaves the service out with the rule `filing-limit-passed`.
public struct FilingLimit: Sendable, Equatable, CustomStringConvertible {
    /// The payer's terms.
    public enum Span: Sendable, Equatable {
        /// The last day of the Nth calendar month after the month of service.
        case monthsAfterServiceMonth(Int)
        /// N days after the date of service.
        case daysAfterService(Int)
    }

    /// The payer's terms.
    public var span: Span
    /// The CLM20 delay reason code a late claim carries (`1`…`11`, `15`); `nil`: late services are not billed.
    public var delayReasonCode: String?

    /// Codes 005010X222A1 allows in CLM20.
    public static let delayReasonCodes: Set<String> = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "15"]

    /// The default for a profile that states no limit: 365 days after the service, no delay reason.
    public static let standard = FilingLimit(span: .daysAfterService(365))

    /// Creates a limit.
    public init(span: Span, delayReasonCode: String? = nil) {
        self.span = span
        self.delayReasonCode = delayReasonCode
    }

    /// The last day a claim for a service on `service` may be built.
    public func deadline(for service: Day) -> Day {
        switch span {
        case .monthsAfterServiceMonth(let months):
            return service.adding(days: 1 - service.day).adding(months: months).lastOfMonth
        case .daysAfterService(let days):
            return service.adding(days: days)
        }
    }

    /// Whether a claim built on `today` for a service on `service` is late.
    public func isPassed(service: Day, on today: Day) -> Bool {
        today > deadline(for: service)
    }

    /// The limit in words: `6 months after the month of service`, `365 days after the date of service`.
    public var description: String {
        switch span {
        case .monthsAfterServiceMonth(let months): "\(months) months after the month of service"
        case .daysAfterService(let days): "\(days) days after the date of service"
        }
    }
}
