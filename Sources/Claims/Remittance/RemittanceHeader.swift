/// The header of one 835 transaction set: payment (BPR), trace (TRN), payer and payee (005010X221A1).
public struct RemittanceHeader: Sendable, Equatable {
    /// ST02 transaction set control number.
    public var controlNumber: String
    /// The set's interchange, group and set control numbers and its ordinal in the file.
    public var identity: RemittanceSetIdentity
    /// Position of the ST segment.
    public var position: Int
    /// Position of the BPR segment.
    public var paymentPosition: Int
    /// BPR01 handling code (`C` payment with remittance, `I` remittance only, `H` notification only…).
    public var handlingCode: String
    /// BPR02 total actual payment, as sent (see ``signedPayment``).
    public var paymentAmount: Money
    /// BPR03 `C` credit or `D` debit.
    public var creditDebit: String
    /// BPR04 payment method (`ACH`, `CHK`, `BOP`, `FWT`, `NON`).
    public var paymentMethod: String
    /// BPR16 check issue or EFT effective date (CCYYMMDD).
    public var paymentDate: String
    /// TRN02 check number or EFT trace number.
    public var traceNumber: String
    /// TRN03 originating company id (`1` + payer TIN).
    public var traceOriginator: String
    /// N1*PR payer.
    public var payer: RemittanceParty
    /// N1*PE payee (N104 the NPI when N103 is `XX`).
    public var payee: RemittanceParty

    /// BPR02 as money to the provider: negated for a debit (BPR03 `D`).
    public var signedPayment: Money { creditDebit == "D" ? -paymentAmount : paymentAmount }

    /// Creates a header; `identity` defaults to the file's first set with no envelope.
    public init(
        controlNumber: String, position: Int, paymentPosition: Int, handlingCode: String, paymentAmount: Money,
        creditDebit: String, paymentMethod: String, paymentDate: String, traceNumber: String,
        traceOriginator: String, payer: RemittanceParty, payee: RemittanceParty, identity: RemittanceSetIdentity? = nil
    ) {
        self.controlNumber = controlNumber
        self.identity =
            identity
            ?? RemittanceSetIdentity(ordinal: 1, interchangeControl: "", groupControl: "", setControl: controlNumber)
        self.position = position
        self.paymentPosition = paymentPosition
        self.handlingCode = handlingCode
        self.paymentAmount = paymentAmount
        self.creditDebit = creditDebit
        self.paymentMethod = paymentMethod
        self.paymentDate = paymentDate
        self.traceNumber = traceNumber
        self.traceOriginator = traceOriginator
        self.payer = payer
        self.payee = payee
    }
}
