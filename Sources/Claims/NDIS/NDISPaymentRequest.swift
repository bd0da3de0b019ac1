import Values

/// One row of an NDIS bulk payment request: a claim for a support delivered to a participant.
///
/// The legacy columns AuthorisedBy, ParticipantApproved and InKindFundingProgram are always written blank and
/// have no field. Check rows with ``NDISBulkPaymentFile/validate(_:)`` before writing them.
public struct NDISPaymentRequest: Sendable, Equatable {
    /// RegistrationNumber: the provider's registration number (digits).
    public var registrationNumber: String
    /// NDISNumber: the participant's 9-digit number.
    public var ndisNumber: String
    /// SupportsDeliveredFrom.
    public var deliveredFrom: Day
    /// SupportsDeliveredTo (not before ``deliveredFrom``).
    public var deliveredTo: Day
    /// SupportNumber: the support catalogue item (`01_011_0107_1_1`).
    public var supportNumber: String
    /// ClaimReference: the provider's reference, up to 50 letters, digits, `/`, `_`, `-`; may be empty.
    public var claimReference: String
    /// Quantity as written (`1`, `12.5`); empty when ``hours`` is given.
    public var quantity: String
    /// Hours as written, for per-hour items; empty when ``quantity`` is given.
    public var hours: String
    /// UnitPrice, in integer cents.
    public var unitPrice: Money
    /// GSTCode.
    public var gstCode: NDISGSTCode
    /// ClaimType.
    public var claimType: NDISClaimType
    /// CancellationReason: only with ``NDISClaimType/cancellation``.
    public var cancellationReason: NDISCancellationReason?
    /// ABN of Support Provider: 11 digits, or empty.
    public var abn: String

    /// Creates a row; the optional columns default to blank.
    public init(
        registrationNumber: String, ndisNumber: String, deliveredFrom: Day, deliveredTo: Day, supportNumber: String,
        claimReference: String = "", quantity: String = "", hours: String = "", unitPrice: Money,
        gstCode: NDISGSTCode, claimType: NDISClaimType = .directService,
        cancellationReason: NDISCancellationReason? = nil, abn: String = ""
    ) {
        self.registrationNumber = registrationNumber
        self.ndisNumber = ndisNumber
        self.deliveredFrom = deliveredFrom
        self.deliveredTo = deliveredTo
        self.supportNumber = supportNumber
        self.claimReference = claimReference
        self.quantity = quantity
        self.hours = hours
        self.unitPrice = unitPrice
        self.gstCode = gstCode
        self.claimType = claimType
        self.cancellationReason = cancellationReason
        self.abn = abn
    }
}
