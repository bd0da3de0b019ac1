/// "These fields must not decrease": for example eligibility start ≤ end. Empty values are not compared
/// (an open end is allowed).
public struct OrderRule: Sendable, Equatable {
    /// Stable rule id reported on exceptions.
    public var id: String
    /// Fields in the order their values must follow.
    public var fields: [String]
    /// What a failed check does.
    public var severity: Severity

    /// Creates an order rule.
    public init(id: String, fields: [String], severity: Severity = .error) {
        self.id = id
        self.fields = fields
        self.severity = severity
    }
}
