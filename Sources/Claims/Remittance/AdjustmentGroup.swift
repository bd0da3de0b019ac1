/// CAS01 claim adjustment group code in 5010 (`CR` was removed after 4010).
public enum AdjustmentGroup: String, Sendable, CaseIterable {
    /// `CO` contractual obligation: the provider writes it off.
    case contractualObligation = "CO"
    /// `PR` patient responsibility (deductible, coinsurance, copay…).
    case patientResponsibility = "PR"
    /// `OA` other adjustment.
    case otherAdjustment = "OA"
    /// `PI` payer-initiated reduction.
    case payerInitiatedReduction = "PI"
}
