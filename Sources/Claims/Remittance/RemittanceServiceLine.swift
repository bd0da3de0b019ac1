/// One service line of a remitted claim (SVC, loop 2110) with its dates, adjustments and references.
public struct RemittanceServiceLine: Sendable, Equatable {
    /// Position of the SVC segment.
    public var position: Int
    /// SVC01 the procedure as adjudicated.
    public var procedure: ServiceProcedure
    /// SVC02 line charge.
    public var charge: Money
    /// SVC03 line payment.
    public var paid: Money
    /// SVC04 revenue code (institutional; empty when absent).
    public var revenueCode: String
    /// SVC05 units paid as sent; `1` when absent (the guide's default).
    public var units: String
    /// SVC06 the procedure as billed, when the payer changed it.
    public var originalProcedure: ServiceProcedure?
    /// SVC07 units as billed (empty when absent).
    public var originalUnits: String
    /// DTM*472 service date or DTM*150 period start (CCYYMMDD; empty when absent).
    public var serviceFrom: String
    /// DTM*472 service date or DTM*151 period end (CCYYMMDD; empty when absent).
    public var serviceThrough: String
    /// Line-level CAS adjustments.
    public var adjustments: [RemittanceAdjustment]
    /// Line-level remark codes (RARCs): LQ02 of each LQ*HE, in order.
    public var remarks: [String]
    /// REF*6R line item control number (the 837's REF*6R; empty when absent).
    public var controlNumber: String
    /// AMT*B6 allowed amount (informational).
    public var allowed: Money?

    /// Creates a line; dates, adjustments and references are added as their segments arrive.
    public init(
        position: Int, procedure: ServiceProcedure, charge: Money, paid: Money, revenueCode: String = "",
        units: String = "1", originalProcedure: ServiceProcedure? = nil, originalUnits: String = ""
    ) {
        self.position = position
        self.procedure = procedure
        self.charge = charge
        self.paid = paid
        self.revenueCode = revenueCode
        self.units = units
        self.originalProcedure = originalProcedure
        self.originalUnits = originalUnits
        self.serviceFrom = ""
        self.serviceThrough = ""
        self.adjustments = []
        self.remarks = []
        self.controlNumber = ""
        self.allowed = nil
    }
}
