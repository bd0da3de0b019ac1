/// An inconsistency inside a 999 that the product checks (pyx12 does not): reported, never thrown.
public struct AcknowledgmentIssue: Sendable, Equatable, CustomStringConvertible {
    /// The consistency rule that failed.
    public enum Rule: String, Sendable, CaseIterable {
        /// AK904 accepted ≤ AK903 received ≤ AK902 included.
        case countOrder = "999-count-order"
        /// AK904 = number of IK501 `A` or `E`.
        case acceptedCount = "999-accepted-count"
        /// AK901 `A`/`E` when all sets were accepted, `P` when some, a rejection when none.
        case groupResult = "999-group-result"
    }

    /// The rule.
    public var rule: Rule
    /// Position of the segment concerned (AK9) in the 999 interchange.
    public var segment: Int
    /// What is wrong, with the figures.
    public var message: String

    /// Creates an issue.
    public init(rule: Rule, segment: Int, message: String) {
        self.rule = rule
        self.segment = segment
        self.message = message
    }

    public var description: String { "\(rule.rawValue) segment \(segment): \(message)" }
}
