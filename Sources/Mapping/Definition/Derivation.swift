/// A field computed from other fields of the same record.
///
/// A derived field reads no column unless it also names one: then the file's value is kept when given,
/// the derived value fills it in when the column is missing or empty, and a disagreement between the two
/// is a `derived-mismatch` warning naming both.
public struct Derivation: Sendable, Equatable {
    /// The built-in computation.
    public enum Function: String, Sendable, CaseIterable {
        /// `Fall`, `Winter` or `Spring`: from a norming-window text when it names one, else from a date
        /// (Fall to 15 Nov, Winter 16 Nov to 1 Mar, Spring from 2 Mar).
        case season
        /// `current` or `historical` (or `future`): a `YYYY-YYYY` school year against the current one.
        case schoolYearStatus = "school_year_status"
        /// Percent of scheduled periods attended: periods with a ``Derivation/present`` code count as attended,
        /// other codes as missed, blank periods as not scheduled. Rounded to 2 decimals, half up.
        case attendancePercentage = "attendance_percentage"
    }

    /// The computation.
    public var function: Function
    /// Fields it reads, in order.
    public var from: [String]
    /// The codes that count as present, with per-district variants (`attendance_percentage` only).
    public var present: CodeTable?

    /// Creates a derivation.
    public init(function: Function, from: [String], present: CodeTable? = nil) {
        self.function = function
        self.from = from
        self.present = present
    }
}
