/// Decides, claim by claim through one 835, what each remitted claim does to the claim it names.
///
/// Pure: the caller looks the claim up and applies the decision. It remembers which claims this 835 reversed,
/// so that the claim payment that follows a reversal is classified `corrected`.
public struct RemittanceClassifier: Sendable {
    private var reversed: Set<String> = []

    /// Creates a classifier for one 835.
    public init() {}

    /// Decides what a remitted claim does.
    ///
    /// A rejected claim (999, TA1 or 277CA) is not live; a replaced or voided one only for the reversal of its payment. A remitted
    /// claim naming no live claim is reported (`unmatched` or `not-live`) and applies nothing.
    ///
    /// - Parameters:
    ///   - claim: The remitted claim (835 loop 2100).
    ///   - found: The state of the claim sent with its patient control number (CLP01); `nil` when none was.
    /// - Returns: The classification, the match and what to apply.
    public mutating func decide(_ claim: RemittanceClaim, found: ClaimState?) -> RemittanceDecision {
        let isReversal = claim.status == .reversal
        let retired = found?.isRetired ?? false
        let live = found.map { !$0.isRejected && (!retired || isReversal) } ?? false
        let adjudicated = RemittanceClassification(adjudicating: claim)
        let corrects = !isReversal && reversed.contains(claim.patientControlNumber)
        if isReversal { reversed.insert(claim.patientControlNumber) }
        guard live else {
            return RemittanceDecision(
                classification: found == nil ? .unmatched : .notLive,
                match: found.map { .notLive(status: $0) } ?? .unmatched, claimState: nil, paidCents: 0,
                appliesLines: false, takesPaymentBack: false, countsDaysToPayment: false)
        }
        return RemittanceDecision(
            classification: corrects ? .corrected : adjudicated, match: .applied,
            claimState: retired ? nil : adjudicated.claimState, paidCents: isReversal ? 0 : claim.paid.cents,
            appliesLines: adjudicated != .notAdjudicated, takesPaymentBack: isReversal,
            countsDaysToPayment: !isReversal && !corrects && (adjudicated == .paid || adjudicated == .partial))
    }
}
