import Formats

extension RemittanceReader {
    /// Collects the 835 header segments (BPR, TRN, N1*PR, N1*PE) until the first LX, CLP, PLB or SE.
    struct HeaderBuilder: Sendable {
        private var payment: (position: Int, segment: X12Segment)?
        private var amount = Money.zero
        private var trace: X12Segment?
        private var payer: RemittanceParty?
        private var payee: RemittanceParty?

        mutating func read(_ segment: X12Segment) throws(X12Error) {
            switch segment.id {
            case "BPR":
                amount = try segment.money(2)
                let direction = segment.element(3)
                guard direction == "C" || direction == "D" else {
                    throw segment.failure("BPR03 '\(direction)' is neither C (credit) nor D (debit)")
                }
                payment = (segment.position, segment)
            case "TRN": trace = segment
            case "N1":
                let party = RemittanceParty(
                    name: segment.element(2), idQualifier: segment.element(3), id: segment.element(4))
                if segment.hasQualifier("PR") { payer = party }
                if segment.hasQualifier("PE") { payee = party }
            default: break
            }
        }

        /// The header, once the first segment after it (`segment`) arrives.
        ///
        /// - Throws: ``X12Error`` located at `segment` when BPR, TRN, N1*PR or N1*PE is missing.
        func header(identity: RemittanceSetIdentity, position: Int, at segment: X12Segment) throws(X12Error)
            -> RemittanceHeader
        {
            guard let payment else { throw segment.failure("the 835 header has no BPR before this segment") }
            guard let trace else { throw segment.failure("the 835 header has no TRN before this segment") }
            guard let payer else { throw segment.failure("the 835 header has no N1*PR payer before this segment") }
            guard let payee else { throw segment.failure("the 835 header has no N1*PE payee before this segment") }
            let bpr = payment.segment
            return RemittanceHeader(
                controlNumber: identity.setControl, position: position, paymentPosition: payment.position,
                handlingCode: bpr.element(1), paymentAmount: amount, creditDebit: bpr.element(3),
                paymentMethod: bpr.element(4), paymentDate: bpr.element(16), traceNumber: trace.element(2),
                traceOriginator: trace.element(3), payer: payer, payee: payee, identity: identity)
        }
    }
}
