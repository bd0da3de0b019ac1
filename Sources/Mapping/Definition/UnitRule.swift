/// "Billed units must match the minutes delivered under the code's unit length."
///
/// Minutes come from a minutes field, or from end time − start time. A unit counts when more than half of
/// it was delivered (the midpoint rule: 8 of 15 minutes, 16 of 30), so the expected units are
/// `minutes / unit`, plus one when the remainder exceeds half a unit. A unit length of 0 marks an untimed
/// code: one unit per session.
public struct UnitRule: Sendable, Equatable {
    /// Stable rule id reported on exceptions.
    public var id: String
    /// The billed units field.
    public var units: String
    /// The minutes field, if the file has one.
    public var minutes: String?
    /// Start and end time fields, used when minutes are not given.
    public var start: String?
    /// See ``start``.
    public var end: String?
    /// The billing code field, which selects the unit length.
    public var code: String
    /// Minutes per unit by billing code.
    public var unitMinutes: [String: Int]
    /// Minutes per unit for codes not listed.
    public var defaultUnitMinutes: Int
    /// What a failed check does.
    public var severity: Severity

    /// Creates a unit rule.
    public init(
        id: String, units: String, minutes: String?, start: String?, end: String?, code: String,
        unitMinutes: [String: Int], defaultUnitMinutes: Int, severity: Severity = .error
    ) {
        self.id = id
        self.units = units
        self.minutes = minutes
        self.start = start
        self.end = end
        self.code = code
        self.unitMinutes = unitMinutes
        self.defaultUnitMinutes = defaultUnitMinutes
        self.severity = severity
    }

    /// Units the midpoint rule gives for `minutes` of a service with `unit`-minute units.
    public static func expectedUnits(minutes: Int, unit: Int) -> Int {
        guard minutes > 0 else { return 0 }
        guard unit > 0 else { return 1 }
        return minutes / unit + (2 * (minutes % unit) > unit ? 1 : 0)
    }
}
