/// "When these fields have these values, those fields are required."
public struct ConditionalRule: Sendable {
    /// Stable rule id reported on exceptions.
    public var id: String
    /// Field name → values that trigger the rule (all conditions must hold).
    public var when: [(field: String, values: [String])]
    /// Field name → values that switch the rule off (any one suffices), e.g. a placement of `Tested Out`.
    public var unless: [(field: String, values: [String])] = []
    /// Fields that must then be non-empty.
    public var require: [String]
    /// What a failed rule does.
    public var severity: Severity
    /// Optional explanation shown on the exception.
    public var message: String?

    /// Creates a rule.
    public init(
        id: String, when: [(field: String, values: [String])], require: [String], severity: Severity = .error,
        message: String? = nil
    ) {
        self.id = id
        self.when = when
        self.require = require
        self.severity = severity
        self.message = message
    }
}
