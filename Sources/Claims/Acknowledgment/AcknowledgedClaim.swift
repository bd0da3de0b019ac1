/// One claim of a 277CA (005010X214 loop 2200D): accepted into adjudication or rejected, with its STC codes.
public struct AcknowledgedClaim: Sendable, Equatable {
    /// Position of the claim's TRN segment.
    public var position: Int
    /// TRN02, the patient control number the 837 sent in CLM01.
    public var patientControlNumber: String
    /// The claim-level STC segments, in order (at least one).
    public var statuses: [ClaimStatusInformation]
    /// The STC segments of its service lines (loop 2220D), in order.
    public var lineStatuses: [ClaimStatusInformation] = []
    /// REF02 of `REF*1K`: the payer's claim number; empty when absent (usually on a rejection).
    public var payerClaimNumber: String = ""
    /// DTP03 of `DTP*472`: the service date or range (CCYYMMDD or CCYYMMDD-CCYYMMDD); empty when absent.
    public var serviceDates: String = ""

    /// Creates a claim with its first status.
    public init(position: Int, patientControlNumber: String, statuses: [ClaimStatusInformation]) {
        self.position = position
        self.patientControlNumber = patientControlNumber
        self.statuses = statuses
    }

    /// STC04 of the first claim-level STC: the charge the payer read.
    public var charge: Money? { statuses.first?.charge }

    /// Rejected when any claim or line status rejects it, accepted when every claim status accepts it, unknown
    /// otherwise.
    public var verdict: ClaimStatusCode.Verdict {
        let verdicts = (statuses + lineStatuses).map(\.verdict)
        if verdicts.contains(.rejected) { return .rejected }
        return statuses.map(\.verdict).allSatisfy { $0 == .accepted } ? .accepted : .unknown
    }
}
