import Claims
import Foundation

/// The JSON summary of one 835: payment and trace per transaction set, the balance check, counts by outcome
/// and the revenue KPIs (denial rate, first-pass paid rate, top denial reasons, days to payment).
struct RemittanceSummary: Encodable {
    struct PaymentSet: Encodable {
        var control: String
        var trace: String
        var payment: String
        var method: String
        var date: String
        var claims: Int
        var providerAdjustments: String
        var balanceIssues: Int

        private enum CodingKeys: String, CodingKey {
            case control, trace, payment, method, date, claims
            case providerAdjustments = "provider_adjustments", balanceIssues = "balance_issues"
        }
    }

    struct Issue: Encodable {
        var rule: String
        var segment: Int
        var claim: String?
        var message: String
    }

    struct Reason: Encodable {
        var code: String
        var claims: Int
    }

    var jobID: Int64
    var file: String
    var payer: String
    var sets: [PaymentSet] = []
    var paymentCents: Int64 = 0
    var balanceIssues: [Issue] = []
    var countsByClassification: [String: Int] = [:]
    var unmatchedClaims = 0
    var unmatchedLines = 0
    private var denialReasons: [String: Int] = [:]
    private var daysToPayment: [Int] = []

    init(jobID: Int64, file: String, payer: String) {
        self.jobID = jobID
        self.file = file
        self.payer = payer
    }

    mutating func count(_ classification: String, denialReasons reasons: [String]) {
        countsByClassification[classification, default: 0] += 1
        for reason in Set(reasons) { denialReasons[reason, default: 0] += 1 }
    }

    mutating func addDaysToPayment(_ days: Int) {
        daysToPayment.append(days)
    }

    /// Claims adjudicated for the first time in this 835 (not reversals, corrections, unmatched or forwarded).
    private var firstPass: Int {
        ["paid", "partial", "denied"].reduce(0) { $0 + (countsByClassification[$1] ?? 0) }
    }

    private enum CodingKeys: String, CodingKey {
        case jobID = "job_id", file, payer, sets, payment, balanceCheck = "balance_check"
        case balanceIssues = "balance_issues", counts = "counts_by_status", unmatchedClaims = "unmatched_claims"
        case unmatchedLines = "unmatched_lines", denialRate = "denial_rate", firstPassPaidRate = "first_pass_paid_rate"
        case topDenialReasons = "top_denial_reasons", averageDays = "average_days_to_payment"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobID, forKey: .jobID)
        try container.encode(file, forKey: .file)
        try container.encode(payer, forKey: .payer)
        try container.encode(sets, forKey: .sets)
        try container.encode(Money(cents: paymentCents).description, forKey: .payment)
        try container.encode(
            balanceIssues.isEmpty ? "balanced" : "\(balanceIssues.count) issue(s)", forKey: .balanceCheck)
        try container.encode(balanceIssues, forKey: .balanceIssues)
        try container.encode(countsByClassification, forKey: .counts)
        try container.encode(unmatchedClaims, forKey: .unmatchedClaims)
        try container.encode(unmatchedLines, forKey: .unmatchedLines)
        let denied = countsByClassification["denied"] ?? 0
        let paid = (countsByClassification["paid"] ?? 0) + (countsByClassification["partial"] ?? 0)
        try container.encode(firstPass == 0 ? 0 : Self.rounded(Double(denied) / Double(firstPass)), forKey: .denialRate)
        try container.encode(
            firstPass == 0 ? 0 : Self.rounded(Double(paid) / Double(firstPass)), forKey: .firstPassPaidRate)
        let top = denialReasons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5)
        try container.encode(top.map { Reason(code: $0.key, claims: $0.value) }, forKey: .topDenialReasons)
        let average =
            daysToPayment.isEmpty ? nil : Self.rounded(Double(daysToPayment.reduce(0, +)) / Double(daysToPayment.count))
        try container.encode(average, forKey: .averageDays)
    }

    static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
