/// A field computed from other fields of the same record.
public struct Derivation: Sendable, Equatable {
    /// The built-in computation.
    public enum Function: String, Sendable, CaseIterable {
        /// `Fall`, `Winter` or `Spring`: from a norming-window text when it names one, else from a date
        /// (Fall to 15 Nov, Winter 16 Nov to 1 Mar, Spring from 2 Mar).
        case season
        /// `current` or `historical` (or `future`): a `YYYY-YYYY` school year against the current one.
        case schoolYearStatus = "school_year_status"
    }

    /// The computation.
    public var function: Function
    /// Fields it reads, in order.
    public var from: [String]

    /// Creates a derivation.
    public init(function: Function, from: [String]) {
        self.function = function
        self.from = from
    }
}
