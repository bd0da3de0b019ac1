import Values

/// The summary of one 835: payment and trace per transaction set, the balance check, counts by outcome and the
/// revenue KPIs (denial rate, first-pass paid rate, top denial reasons, days to payment).
///
/// Encodes as the reconciliation summary JSON (keys sorted by the encoder the caller configures).
public struct RemittanceSummary: Sendable, Encodable {
    /// One transaction set's payment (BPR, TRN).
    public struct PaymentSet: Sendable, Encodable {
        var ordinal: Int
        var interchange: String
        var group: String
        var control: String
        var trace: String
        var payment: String
        var method: String
        var date: String
        var claims: Int
        var providerAdjustments: String
        var balanceIssues: Int
        var state: String

        private enum CodingKeys: String, CodingKey {
            case ordinal, interchange, group, control, trace, payment, method, date, claims, state
            case providerAdjustments = "provider_adjustments", balanceIssues = "balance_issues"
        }
    }

    /// One balance-check issue.
    public struct Issue: Sendable, Encodable {
        var rule: String
        var segment: Int
        var claim: String?
        var message: String
        var expected: String
        var found: String
        var difference: String
    }

    /// A denial reason and how many denied claims carry it.
    struct Reason: Encodable {
        var code: String
        var claims: Int
    }

    /// The 835 job.
    public var jobID: Int64
    /// The 835's file name.
    public var file: String
    /// Payer profile id.
    public var payer: String
    /// The transaction sets, in file order.
    public private(set) var sets: [PaymentSet] = []
    /// Total payment of the sets, in cents.
    public private(set) var paymentCents: Int64 = 0
    /// The balance check's issues.
    public private(set) var balanceIssues: [Issue] = []
    /// Remitted claims by classification.
    public private(set) var countsByClassification: [RemittanceClassification: Int] = [:]
    /// Remitted claims not applied: matching no live claim, not fitting the claim they name, or held.
    public private(set) var unmatchedClaims = 0
    private var denialReasons: [String: Int] = [:]
    /// Days from batch to payment, summed over the claims counted, and how many: constant memory for any 835.
    private var daysToPayment = (total: 0, claims: 0)

    /// Creates an empty summary.
    ///
    /// - Parameters:
    ///   - jobID: The 835 job.
    ///   - file: The 835's file name.
    ///   - payer: Payer profile id.
    public init(jobID: Int64, file: String, payer: String) {
        self.jobID = jobID
        self.file = file
        self.payer = payer
    }

    /// Notes an issue of the balance check.
    public mutating func note(_ issue: BalanceIssue) {
        balanceIssues.append(
            Issue(
                rule: issue.rule.rawValue, segment: issue.segment, claim: issue.patientControlNumber,
                message: issue.message, expected: issue.expected.description, found: issue.found.description,
                difference: (issue.found - issue.expected).description)
        )
    }

    /// Counts one remitted claim: its classification, a denied claim's reasons, an unmatched claim.
    ///
    /// - Parameters:
    ///   - decision: What the claim did (``RemittanceClassifier/decide(_:found:)``).
    ///   - claim: The remitted claim.
    public mutating func count(_ decision: RemittanceDecision, of claim: RemittanceClaim) {
        if decision.match != .applied { unmatchedClaims += 1 }
        countsByClassification[decision.classification, default: 0] += 1
        if decision.classification == .denied {
            for reason in Set(claim.reasonCodes) { denialReasons[reason, default: 0] += 1 }
        }
    }

    /// Adds a paid claim's days from its batch to the payment.
    ///
    /// - Parameters:
    ///   - submitted: The day its batch was built.
    ///   - paid: The payment date (BPR16).
    public mutating func addDaysToPayment(from submitted: Day, to paid: Day) {
        daysToPayment.total += paid.daysSinceEpoch - submitted.daysSinceEpoch
        daysToPayment.claims += 1
    }

    /// Closes one transaction set: its payment, its claims and its balance issues.
    ///
    /// - Parameters:
    ///   - header: The set's header (BPR, TRN).
    ///   - totals: The set's provider adjustments (PLB).
    ///   - claims: Remitted claims in the set.
    ///   - balanceIssues: Balance issues of the set.
    ///   - held: Whether the set was held for the operator rather than applied (its payment is not counted).
    public mutating func close(
        _ header: RemittanceHeader, totals: RemittanceTotals, claims: Int, balanceIssues: Int, held: Bool
    ) {
        sets.append(
            PaymentSet(
                ordinal: header.identity.ordinal, interchange: header.identity.interchangeControl,
                group: header.identity.groupControl, control: header.controlNumber, trace: header.traceNumber,
                payment: header.signedPayment.description, method: header.paymentMethod,
                date: X12Date.iso(header.paymentDate), claims: claims,
                providerAdjustments: totals.providerAdjustmentTotal.description, balanceIssues: balanceIssues,
                state: held ? "held" : "applied"))
        if !held { paymentCents += header.signedPayment.cents }
    }

    /// Claims adjudicated for the first time in this 835 (not reversals, corrections, unmatched or forwarded).
    private var firstPass: Int {
        countsByClassification.reduce(0) { $0 + ($1.key.isFirstPass ? $1.value : 0) }
    }

    /// Denied first-pass claims over first-pass claims, to four decimals (0 with none).
    public var denialRate: Double { rate(countsByClassification[.denied] ?? 0) }

    /// Paid or partially paid first-pass claims over first-pass claims, to four decimals (0 with none).
    public var firstPassPaidRate: Double {
        rate((countsByClassification[.paid] ?? 0) + (countsByClassification[.partial] ?? 0))
    }

    /// The five most frequent denial reasons, most frequent first (ties by code).
    public var topDenialReasons: [(code: String, claims: Int)] {
        denialReasons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map { ($0.key, $0.value) }
    }

    /// The average days from batch to payment, to four decimals; `nil` when no claim was paid.
    public var averageDaysToPayment: Double? {
        daysToPayment.claims == 0
            ? nil : Self.rounded(Double(daysToPayment.total) / Double(daysToPayment.claims))
    }

    private func rate(_ count: Int) -> Double {
        firstPass == 0 ? 0 : Self.rounded(Double(count) / Double(firstPass))
    }

    private enum CodingKeys: String, CodingKey {
        case jobID = "job_id", file, payer, sets, payment, balanceCheck = "balance_check"
        case balanceIssues = "balance_issues", counts = "counts_by_status", unmatchedClaims = "unmatched_claims"
        case denialRate = "denial_rate", firstPassPaidRate = "first_pass_paid_rate"
        case topDenialReasons = "top_denial_reasons", averageDays = "average_days_to_payment"
    }

    /// Encodes the summary JSON's fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobID, forKey: .jobID)
        try container.encode(file, forKey: .file)
        try container.encode(payer, forKey: .payer)
        try container.encode(sets, forKey: .sets)
        try container.encode(Money(cents: paymentCents).description, forKey: .payment)
        try container.encode(
            balanceIssues.isEmpty ? "balanced" : "\(balanceIssues.count) issue(s)", forKey: .balanceCheck)
        try container.encode(balanceIssues, forKey: .balanceIssues)
        let counts = Dictionary(uniqueKeysWithValues: countsByClassification.map { ($0.key.rawValue, $0.value) })
        try container.encode(counts, forKey: .counts)
        try container.encode(unmatchedClaims, forKey: .unmatchedClaims)
        try container.encode(denialRate, forKey: .denialRate)
        try container.encode(firstPassPaidRate, forKey: .firstPassPaidRate)
        try container.encode(
            topDenialReasons.map { Reason(code: $0.code, claims: $0.claims) }, forKey: .topDenialReasons)
        try container.encode(averageDaysToPayment, forKey: .averageDays)
    }

    /// Rounded to four decimals.
    static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}
