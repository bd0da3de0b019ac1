/// Why a remitted claim that names one of our claims is not applied to it: it does not describe what was billed,
/// it reverses a payment never made, or it pays a claim already paid.
public struct RemittanceRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule that refused it.
    public enum Rule: String, Sendable, CaseIterable {
        /// CLP03 is not the charge billed (negated on a reversal).
        case charge = "835-charge-mismatch"
        /// An SVC line matches no billed line (procedure, modifiers, date and charge).
        case line = "835-line-mismatch"
        /// A reversal does not mirror the payment it reverses (amount, payer claim number, or nothing paid).
        case reversal = "835-reversal-mismatch"
        /// A second payment for a claim already paid, with no reversal of the first.
        case duplicatePayment = "835-duplicate-payment"
    }

    /// The rule.
    public var rule: Rule
    /// Position of the segment it is about (CLP or SVC).
    public var segment: Int
    /// What was billed or paid before, when an amount is at issue.
    public var expected: Money?
    /// What the 835 carries.
    public var found: Money?
    /// The reason in words (no personal data: codes, amounts, positions).
    public var message: String

    /// Creates a refusal.
    public init(rule: Rule, segment: Int, expected: Money? = nil, found: Money? = nil, message: String) {
        self.rule = rule
        self.segment = segment
        self.expected = expected
        self.found = found
        self.message = message
    }

    /// The message with the amounts: `…: expected 52.00, found 120.00, difference 68.00`.
    public var description: String {
        guard let expected, let found else { return message }
        return "\(message): expected \(expected), found \(found), difference \(found - expected)"
    }
}
