/// One remitted claim (CLP, loop 2100) with its adjustments, patient and service lines.
public struct RemittanceClaim: Sendable, Equatable {
    /// Position of the CLP segment.
    public var position: Int
    /// CLP01 patient control number: the 837's CLM01.
    public var patientControlNumber: String
    /// CLP02 claim status.
    public var status: ClaimStatus
    /// CLP03 total charge.
    public var charge: Money
    /// CLP04 payment.
    public var paid: Money
    /// CLP05 patient responsibility (zero when empty).
    public var patientResponsibility: Money
    /// CLP06 claim filing indicator (`12`, `MB`, `CI`…).
    public var filingIndicator: String
    /// CLP07 payer claim control number: what a later 837 replacement or void sends in REF*F8.
    public var payerClaimControlNumber: String
    /// CLP08 facility type or place of service code.
    public var facilityCode: String
    /// CLP09 claim frequency code.
    public var frequency: String
    /// Claim-level CAS adjustments.
    public var adjustments: [RemittanceAdjustment]
    /// Claim-level remark codes (RARCs) of MIA (MIA05, MIA20–23) or MOA (MOA03–07), in order.
    public var remarks: [String]
    /// NM1*QC patient, when present.
    public var patient: RemittancePatient?
    /// Service lines (SVC), in order.
    public var lines: [RemittanceServiceLine]

    /// Creates a claim; adjustments, patient and lines are added as their segments arrive.
    public init(
        position: Int, patientControlNumber: String, status: ClaimStatus, charge: Money, paid: Money,
        patientResponsibility: Money = .zero, filingIndicator: String = "", payerClaimControlNumber: String = "",
        facilityCode: String = "", frequency: String = ""
    ) {
        self.position = position
        self.patientControlNumber = patientControlNumber
        self.status = status
        self.charge = charge
        self.paid = paid
        self.patientResponsibility = patientResponsibility
        self.filingIndicator = filingIndicator
        self.payerClaimControlNumber = payerClaimControlNumber
        self.facilityCode = facilityCode
        self.frequency = frequency
        self.adjustments = []
        self.remarks = []
        self.patient = nil
        self.lines = []
    }
}
