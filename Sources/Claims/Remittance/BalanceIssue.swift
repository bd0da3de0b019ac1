/// An 835 balance check that failed: reported on the run's report, never thrown.
public struct BalanceIssue: Sendable, Equatable, CustomStringConvertible {
    /// How serious the issue is.
    public enum Severity: String, Sendable {
        /// The remittance does not add up.
        case error
        /// Worth a look, allowed by the guide's interpretations (CLP05 on a reversal).
        case warning
    }

    /// The balancing rule that failed (x12.md §4 "Balancing").
    public enum Rule: String, Sendable, CaseIterable {
        /// SVC02 − SVC03 = Σ line CAS.
        case lineBalance = "835-line-balance"
        /// CLP03 − CLP04 = Σ claim CAS + Σ line CAS.
        case claimBalance = "835-claim-balance"
        /// BPR02 (negated for a debit) = Σ CLP04 − Σ PLB.
        case transactionBalance = "835-transaction-balance"
        /// CLP05 = Σ PR-group CAS on the claim and its lines.
        case patientResponsibility = "835-patient-responsibility"
        /// A reversal (CLP02 `22`) carries no positive charge or payment.
        case reversalSign = "835-reversal-sign"
    }

    /// Error or warning.
    public var severity: Severity
    /// The rule.
    public var rule: Rule
    /// Position of the segment the rule is about (SVC, CLP or BPR).
    public var segment: Int
    /// CLP01 for claim and line issues, `nil` for the transaction.
    public var patientControlNumber: String?
    /// What the rule expects.
    public var expected: Money
    /// What the remittance carries.
    public var found: Money
    /// The rule in words, for reports.
    public var message: String

    /// Creates an issue.
    public init(
        severity: Severity, rule: Rule, segment: Int, patientControlNumber: String?, expected: Money, found: Money,
        message: String
    ) {
        self.severity = severity
        self.rule = rule
        self.segment = segment
        self.patientControlNumber = patientControlNumber
        self.expected = expected
        self.found = found
        self.message = message
    }

    public var description: String {
        let claim = patientControlNumber.map { " claim \($0)" } ?? ""
        return "\(severity.rawValue) \(rule.rawValue) segment \(segment)\(claim): \(message): expected \(expected), "
            + "found \(found)"
    }
}
