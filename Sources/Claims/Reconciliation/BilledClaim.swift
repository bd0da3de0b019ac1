/// A claim as it was sent and stands now: what an 835's claim payment is checked against before anything is
/// applied to it.
public struct BilledClaim: Sendable, Equatable {
    /// Claim id.
    public var id: Int64
    /// Current state.
    public var status: ClaimState
    /// Total charge billed (CLM02), in cents.
    public var chargeCents: Int64
    /// Paid so far, in cents; `nil` before any 835.
    public var paidCents: Int64?
    /// The payer's claim number (CLP07 of its payment, or the 277CA's), when known.
    public var payerClaimNumber: String?
    /// Frequency: `1` original, `7` replacement, `8` void.
    public var frequency: String
    /// The claim a replacement or void corrects.
    public var corrects: Int64?
    /// The service lines billed, in line order.
    public var lines: [BilledLine]

    /// Creates a billed claim.
    public init(
        id: Int64, status: ClaimState, chargeCents: Int64, paidCents: Int64? = nil, payerClaimNumber: String? = nil,
        frequency: String = "1", corrects: Int64? = nil, lines: [BilledLine] = []
    ) {
        self.id = id
        self.status = status
        self.chargeCents = chargeCents
        self.paidCents = paidCents
        self.payerClaimNumber = payerClaimNumber
        self.frequency = frequency
        self.corrects = corrects
        self.lines = lines
    }

    /// Whether an earlier 835 paid it something that no reversal has taken back.
    public var holdsPayment: Bool { (paidCents ?? 0) != 0 && status != .reversed }
}

/// One billed service line (loop 2400).
public struct BilledLine: Sendable, Equatable {
    /// Line number (LX01).
    public var line: Int
    /// Procedure code (SV101-2).
    public var code: String
    /// Modifiers (SV101-3…6), in order.
    public var modifiers: [String]
    /// Date of service, ISO 8601.
    public var serviceDate: String
    /// Line charge (SV102), in cents.
    public var chargeCents: Int64

    /// Creates a billed line.
    public init(line: Int, code: String, modifiers: [String], serviceDate: String, chargeCents: Int64) {
        self.line = line
        self.code = code
        self.modifiers = modifiers
        self.serviceDate = serviceDate
        self.chargeCents = chargeCents
    }
}
