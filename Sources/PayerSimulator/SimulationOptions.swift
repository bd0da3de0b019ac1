import Values

/// How the ``PayerSimulator`` answers a batch: control numbers, acknowledgements, payment method and dates.
public struct SimulationOptions: Sendable, Equatable {
    /// When a TA1 interchange acknowledgement is produced.
    public enum TA1Policy: Sendable, Equatable {
        /// When the 837's ISA14 is `1`.
        case whenRequested
        /// Always.
        case always
        /// Never.
        case never
        /// Always, travelling in the 999's interchange after its GE rather than in an interchange of its own
        /// (pyx12 validates this form cleanly; it reports a TA1-only interchange as missing its functional group).
        case withAcknowledgment
    }

    /// How the payer pays (835 BPR04).
    public enum PaymentMethod: Sendable, Equatable {
        /// A paper check: BPR04 `CHK`, no bank fields; TRN02 is the check number.
        case check
        /// An ACH credit (`CCP`) into the provider's account; TRN02 is the EFT trace number.
        case ach(receivingRouting: String, receivingAccount: String)
    }

    /// ISA13 and GS06 of the 999 interchange.
    public var acknowledgmentControlNumber: Int
    /// ISA13 and GS06 of the 835 interchange; also the base of check numbers and payer claim numbers.
    public var remittanceControlNumber: Int
    /// ISA13 of the TA1 interchange.
    public var ta1ControlNumber: Int
    /// When a TA1 is produced.
    public var ta1: TA1Policy
    /// ST02 values of the 837 sets the 999 rejects; their claims are not adjudicated.
    public var rejectedSets: Set<String>
    /// How the payer pays.
    public var payment: PaymentMethod
    /// The date of the 999 (and TA1); `nil` takes the 837's GS04.
    public var acknowledgmentDate: Day?
    /// Days from the acknowledgement to the 835 (its production and payment date).
    public var daysToPayment: Int
    /// The payer's 9-digit TIN (TRN03 and BPR10 are `1` followed by it).
    public var payerTaxID: String
    /// Whether a 277CA (005010X214) answers each claim of the accepted sets; rejected claims are left out of the
    /// 835.
    public var claimAcknowledgment = false
    /// ISA13 and GS06 of the 277CA interchange.
    public var claimAcknowledgmentControlNumber = 4
    /// CLM01 values of the claims the 277CA rejects (implies ``claimAcknowledgment``); when empty and the 277CA
    /// is written for three claims or more, it rejects one original claim drawn from the seed.
    public var rejectedClaims: Set<String> = []
    /// What the payer paid earlier, by its claim number (CLP07): a replacement or void naming one in REF*F8 gets
    /// the exact mirror of that payment as its reversal.
    public var priorPayments: [String: ClaimOutcome] = [:]

    /// Creates options; every value has a default.
    public init(
        acknowledgmentControlNumber: Int = 1, remittanceControlNumber: Int = 2, ta1ControlNumber: Int = 3,
        ta1: TA1Policy = .whenRequested, rejectedSets: Set<String> = [], payment: PaymentMethod = .check,
        acknowledgmentDate: Day? = nil, daysToPayment: Int = 14, payerTaxID: String = "946000001"
    ) {
        self.acknowledgmentControlNumber = acknowledgmentControlNumber
        self.remittanceControlNumber = remittanceControlNumber
        self.ta1ControlNumber = ta1ControlNumber
        self.ta1 = ta1
        self.rejectedSets = rejectedSets
        self.payment = payment
        self.acknowledgmentDate = acknowledgmentDate
        self.daysToPayment = daysToPayment
        self.payerTaxID = payerTaxID
    }
}
