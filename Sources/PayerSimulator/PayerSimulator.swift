import Claims
import Values

/// A payer for tests: answers a delivered 837P batch with a 999, maybe a TA1, and a balanced 835.
///
/// Pure and deterministic: the same bytes, seed and options give the same answer. The 835 carries a mix of
/// outcomes drawn from the seed (see ``ClaimOutcome/Kind``): once there are three claims at least one is paid
/// in full, one partially paid and one denied. Each claim with frequency `7` (replacement) gets a reversal
/// (CLP02 `22`) of the payment named by its REF*F8 followed by its corrected adjudication; a `8` (void) gets
/// the reversal only. A reversal mirrors the payment exactly (same CLP01, CLP07, lines and codes, every amount
/// negated) when ``SimulationOptions/priorPayments`` holds it; a payment the simulator has no record of is
/// assumed partial on the claim's own lines. Otherwise, with four or more claims, one claim is paid, its payment
/// reversed and the claim adjudicated again, all in this 835. With a 277CA (005010X214), each claim of the
/// accepted sets is acknowledged; the claims it rejects are left out of the 835. The
/// first 835 set carries one PLB with either `L6` interest (negative) or a `WO` recovery (positive); a set
/// whose payment would fall below zero also gets a negative `FB` forwarding balance in its one PLB, so BPR02
/// is never negative (a zero payment is BPR01 `H`, BPR04 `NON`). Every set balances exactly (x12.md §4): SVC02 − SVC03 = the line's CAS, CLP03 − CLP04 = the
/// claim's CAS, BPR02 = ΣCLP04 − ΣPLB, CLP05 = Σ PR CAS. CLP03 is the sum of the line charges.
///
/// One 835 set per billing provider (N1*PE), in order of first appearance; claims of sets the 999 rejects
/// are left out.
public struct PayerSimulator: Sendable {
    /// The seed of every random choice.
    public var seed: UInt64

    /// Creates a simulator.
    public init(seed: UInt64) {
        self.seed = seed
    }

    /// Answers an 837P interchange.
    ///
    /// - Parameters:
    ///   - bytes837: The 837P (005010X222A1) interchange as delivered.
    ///   - options: Control numbers, rejections, TA1, payment method and dates.
    /// - Throws: ``X12Error`` when the bytes are not X12; ``PayerSimulatorError`` when the 837P lacks what the
    ///   simulator needs, or an option names a set that is not in the batch.
    public func respond(to bytes837: [UInt8], options: SimulationOptions = SimulationOptions()) throws
        -> PayerResponse
    {
        try respond(to: SubmittedBatch(parsing: bytes837), options: options)
    }

    /// Answers a parsed 837P batch.
    ///
    /// - Throws: ``PayerSimulatorError`` when the group date is not CCYYMMDD or a rejected set is unknown.
    public func respond(to batch: SubmittedBatch, options: SimulationOptions = SimulationOptions()) throws
        -> PayerResponse
    {
        let known = Set(batch.transactionSets.map(\.controlNumber))
        if let unknown = options.rejectedSets.subtracting(known).sorted().first {
            throw PayerSimulatorError(segment: 0, message: "no transaction set \(unknown) to reject in the batch")
        }
        guard let submitted = options.acknowledgmentDate ?? Day(ccyymmdd: batch.groupDate) else {
            throw PayerSimulatorError(segment: 0, message: "GS04 \(batch.groupDate) is not a CCYYMMDD date")
        }
        let time = batch.groupTime.count >= 4 ? String(batch.groupTime.prefix(4)) : "1200"
        func envelope(_ control: Int, _ date: Day) -> X12Envelope {
            X12Envelope(
                senderQualifier: batch.receiverQualifier, senderID: batch.receiverID,
                receiverQualifier: batch.senderQualifier, receiverID: batch.senderID,
                groupSender: batch.applicationReceiver, groupReceiver: batch.applicationSender, date: date,
                time: time, controlNumber: control, usage: batch.usage)
        }
        let ack = AcknowledgmentWriter.ack999(
            batch, rejecting: options.rejectedSets, envelope: envelope(options.acknowledgmentControlNumber, submitted),
            withTA1: options.ta1 == .withAcknowledgment)
        let wantsTA1 =
            switch options.ta1 {
            case .always: true
            case .never, .withAcknowledgment: false
            case .whenRequested: batch.acknowledgmentRequested
            }
        let ta1 =
            wantsTA1 ? AcknowledgmentWriter.ta1(batch, envelope: envelope(options.ta1ControlNumber, submitted)) : nil

        let accepted = batch.transactionSets.filter { !options.rejectedSets.contains($0.controlNumber) }
        let claims = accepted.flatMap(\.claims)
        let rejections = try claimRejections(claims, options: options)
        let adjudicated = claims.filter { rejections[$0.patientControlNumber] == nil }
        var response = PayerResponse(
            acknowledgment999: ack, ta1: ta1, remittance835: nil, outcomes: [], providerAdjustments: [])
        if !adjudicated.isEmpty {
            let sets = remittanceSets(
                adjudicated, control: options.remittanceControlNumber, priorPayments: options.priorPayments)
            let paid = submitted.adding(days: options.daysToPayment)
            response.remittance835 = RemittanceWriter.write(
                sets, envelope: envelope(options.remittanceControlNumber, paid), received: submitted,
                payment: options.payment, payerTaxID: options.payerTaxID)
            response.outcomes = sets.flatMap(\.outcomes)
            response.providerAdjustments = sets.flatMap(\.adjustments)
        }
        if options.claimAcknowledgment || !options.rejectedClaims.isEmpty, !claims.isEmpty {
            let answers = claimAcknowledgments(claims, rejections: rejections, outcomes: response.outcomes)
            response.claimAcknowledgments = answers
            response.claimAcknowledgment277 = ClaimAcknowledgmentWriter.write(
                accepted, outcomes: answers, envelope: envelope(options.claimAcknowledgmentControlNumber, submitted),
                received: Day(ccyymmdd: batch.groupDate) ?? submitted)
        }
        return response
    }

    /// Adjudicates the accepted claims and groups them into one 835 set per billing provider.
    private func remittanceSets(
        _ claims: [SubmittedClaim], control: Int, priorPayments: [String: ClaimOutcome]
    ) -> [RemittanceSet] {
        var adjudicator = Adjudicator(seed: seed)
        let kinds = adjudicator.plan(count: claims.count)
        var reversed = Set(claims.indices.filter { ["7", "8"].contains(claims[$0].frequency) })
        if reversed.isEmpty, claims.count >= 4,
            let picked = adjudicator.pick(claims.indices.filter { kinds[$0] != .denied })
        {
            reversed.insert(picked)
        }
        let base = X12Envelope.padded(control % 1_000_000, 6)
        var number = 0
        func payerClaimNumber() -> String {
            number += 1
            return "SIM" + base + X12Envelope.padded(number, 4)
        }

        var sets: [RemittanceSet] = []
        for (index, claim) in claims.enumerated() {
            var outcomes: [ClaimOutcome] = []
            if reversed.contains(index) {
                if let prior = priorPayments[claim.payerClaimControlNumber] {
                    // The payment made earlier, taken back exactly (nothing to take back from a denial).
                    if prior.kind != .denied, prior.kind != .reversal {
                        outcomes.append(mirror(prior, using: adjudicator))
                    }
                } else if !["7", "8"].contains(claim.frequency) {
                    // Paid earlier in this same 835: the payment, then its exact reversal.
                    let original = ClaimOutcome(
                        claim: claim, kind: .partial, isCorrection: false, payerClaimControlNumber: payerClaimNumber(),
                        lines: adjudicator.lines(of: claim, as: .partial))
                    outcomes += [original, mirror(original, using: adjudicator)]
                } else {
                    // A payment this simulator has no record of: assumed partial, on the lines of this claim.
                    outcomes.append(
                        ClaimOutcome(
                            claim: claim, kind: .reversal, isCorrection: false,
                            payerClaimControlNumber: claim.payerClaimControlNumber.isEmpty
                                ? payerClaimNumber() : claim.payerClaimControlNumber,
                            lines: adjudicator.reversed(adjudicator.lines(of: claim, as: .partial))))
                }
            }
            if claim.frequency != "8" {
                outcomes.append(
                    ClaimOutcome(
                        claim: claim, kind: kinds[index], isCorrection: reversed.contains(index),
                        payerClaimControlNumber: payerClaimNumber(),
                        lines: adjudicator.lines(of: claim, as: kinds[index])))
            }
            if let existing = sets.firstIndex(where: { $0.payee.npi == claim.billingProvider.npi }) {
                sets[existing].outcomes += outcomes
            } else {
                let setNumber = sets.count + 1
                sets.append(
                    RemittanceSet(
                        controlNumber: X12Envelope.padded(setNumber, 4), payee: claim.billingProvider,
                        payer: claim.payer, paymentNumber: base + X12Envelope.padded(setNumber, 2),
                        outcomes: outcomes, adjustments: []))
            }
        }
        for index in sets.indices {
            sets[index].adjustments = providerAdjustments(for: sets[index], first: index == 0, using: &adjudicator)
        }
        return sets
    }

    /// The PLB pairs of a set: on the first set `L6` interest or a `WO` recovery; on any set an `FB` forwarding
    /// balance when the payment would otherwise be negative.
    private func providerAdjustments(
        for set: RemittanceSet, first: Bool, using adjudicator: inout Adjudicator
    ) -> [PayerResponse.ProviderAdjustment] {
        var pairs: [PayerResponse.ProviderAdjustment] = []
        let claimsPaid = set.outcomes.reduce(Money.zero) { $0 + $1.paid }
        if first, let reference = set.outcomes.first {
            if claimsPaid > Money(cents: 1000), adjudicator.coin() {
                let recovery = min(adjudicator.cents(500...4000), Money(cents: claimsPaid.cents / 2))
                pairs.append(
                    PayerResponse.ProviderAdjustment(
                        transactionSet: set.controlNumber, reason: "WO",
                        reference: "SIMPRIOR" + reference.claim.patientControlNumber,
                        amount: recovery))
            } else {
                pairs.append(
                    PayerResponse.ProviderAdjustment(
                        transactionSet: set.controlNumber, reason: "L6",
                        reference: reference.claim.patientControlNumber,
                        amount: -adjudicator.cents(1...500)))
            }
        }
        let balance = pairs.reduce(claimsPaid) { $0 - $1.amount }
        if balance < .zero {
            pairs.append(
                PayerResponse.ProviderAdjustment(
                    transactionSet: set.controlNumber, reason: "FB", reference: set.paymentNumber, amount: balance))
        }
        return pairs
    }
}
