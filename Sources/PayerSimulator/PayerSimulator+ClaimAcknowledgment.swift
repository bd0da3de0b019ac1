extension PayerSimulator {
    /// The claims the 277CA rejects, with their STC codes: those named in the options, or, when none are named
    /// and there are three claims or more, one original claim drawn from the seed (a stream of its own, so the
    /// 835 of the other claims draws as it would without a 277CA).
    ///
    /// - Throws: ``PayerSimulatorError`` when a named claim is not among the accepted sets' claims.
    func claimRejections(_ claims: [SubmittedClaim], options: SimulationOptions) throws -> [String: Int] {
        let known = Set(claims.map(\.patientControlNumber))
        if let unknown = options.rejectedClaims.subtracting(known).sorted().first {
            throw PayerSimulatorError(segment: 0, message: "no claim \(unknown) to reject in the accepted sets")
        }
        var random = SplitMix64(seed: seed ^ 0x277)
        let rejections = ClaimAcknowledgmentOutcome.rejections.count
        if !options.rejectedClaims.isEmpty {
            return Dictionary(
                uniqueKeysWithValues: options.rejectedClaims.sorted().map { ($0, random.below(rejections)) })
        }
        let candidates = claims.filter { $0.frequency == "1" }
        guard options.claimAcknowledgment, claims.count >= 3, !candidates.isEmpty else { return [:] }
        let picked = candidates[random.below(candidates.count)]
        return [picked.patientControlNumber: random.below(rejections)]
    }

    /// The 277CA answer of each claim: rejected with its codes, or accepted (`A2:20`) with the payer claim number
    /// its 835 payment carries.
    func claimAcknowledgments(
        _ claims: [SubmittedClaim], rejections: [String: Int], outcomes: [ClaimOutcome]
    ) -> [ClaimAcknowledgmentOutcome] {
        claims.map { claim in
            let pcn = claim.patientControlNumber
            if let rejection = rejections[pcn] {
                let codes = ClaimAcknowledgmentOutcome.rejections[rejection]
                return ClaimAcknowledgmentOutcome(
                    claim: claim, category: codes.category, status: codes.status, entity: codes.entity,
                    payerClaimNumber: "")
            }
            let paid = outcomes.first { $0.claim.patientControlNumber == pcn && $0.kind != .reversal }
            return ClaimAcknowledgmentOutcome(
                claim: claim, category: "A2", status: "20", entity: "PR",
                payerClaimNumber: paid?.payerClaimControlNumber ?? "")
        }
    }

    /// A payment taken back exactly: the same claim, payer claim number and codes, every amount negated.
    func mirror(_ payment: ClaimOutcome, using adjudicator: Adjudicator) -> ClaimOutcome {
        ClaimOutcome(
            claim: payment.claim, kind: .reversal, isCorrection: false,
            payerClaimControlNumber: payment.payerClaimControlNumber, lines: adjudicator.reversed(payment.lines))
    }
}
