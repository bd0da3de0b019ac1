import Claims
import Gateway

extension Gateway {
    /// Answers a payer's 837P batch as the test payer would: a 999 and an 835 (and a TA1 and a 277CA when asked)
    /// written into the payer's inbox source, picked up by the next pass.
    ///
    /// - Parameters:
    ///   - payer: the payer profile id; a local source must name it (`payer: <id>`).
    ///   - batchID: the batch to answer (default: the payer's newest 837P batch).
    ///   - rejectSets: transaction sets (ST02) the 999 rejects.
    ///   - ta1: whether to send a TA1 interchange acknowledgment too.
    ///   - claimAcknowledgment: whether to send a 277CA claim acknowledgment too (it rejects one claim of three or
    ///     more, or those in `rejectClaims`; rejected claims are not in the 835).
    ///   - rejectClaims: patient control numbers (CLM01) the 277CA rejects; implies `claimAcknowledgment`.
    ///   - seed: the seed of the simulated outcomes.
    /// - Returns: the files written.
    /// - Throws: ``GatewayError`` for an unknown payer or batch, or a payer without a local inbox;
    ///   ``PayerSimulatorError`` when the batch lacks what the simulator needs.
    public func simulatePayer(
        payer: String, batchID: Int64? = nil, rejectSets: Set<String> = [], ta1: Bool = false,
        claimAcknowledgment: Bool = false, rejectClaims: Set<String> = [], seed: UInt64 = 7
    ) throws -> [String] {
        try PayerSimulation(gateway: self).respond(
            payer: payer, batchID: batchID, rejectSets: rejectSets, ta1: ta1,
            claimAcknowledgment: claimAcknowledgment || !rejectClaims.isEmpty, rejectClaims: rejectClaims, seed: seed)
    }
}
