/// A delivered 837P interchange as a payer reads it: envelope identifiers and every claim by transaction set.
///
/// Built by ``init(parsing:)`` from the bytes of an 005010X222A1 interchange with one functional group.
public struct SubmittedBatch: Sendable, Equatable {
    /// ISA05/ISA06: the submitter's interchange id qualifier and id (padding removed).
    public var senderQualifier: String
    /// ISA06 without its padding.
    public var senderID: String
    /// ISA07: the receiver's interchange id qualifier.
    public var receiverQualifier: String
    /// ISA08 without its padding.
    public var receiverID: String
    /// ISA09 (YYMMDD).
    public var interchangeDate: String
    /// ISA10 (HHMM).
    public var interchangeTime: String
    /// ISA13, the interchange control number (9 digits).
    public var interchangeControlNumber: String
    /// ISA14 is `1`: the submitter asks for a TA1.
    public var acknowledgmentRequested: Bool
    /// ISA15: `P` production or `T` test.
    public var usage: String
    /// GS02, the application sender.
    public var applicationSender: String
    /// GS03, the application receiver.
    public var applicationReceiver: String
    /// GS04 (CCYYMMDD), the date the group was created.
    public var groupDate: String
    /// GS05 (HHMM, maybe with seconds).
    public var groupTime: String
    /// GS06, the group control number a 999 refers back to in AK102.
    public var groupControlNumber: String
    /// GE01 as sent: the number of transaction sets in the group.
    public var declaredSetCount: Int
    /// The transaction sets in file order.
    public var transactionSets: [SubmittedTransactionSet]

    /// Every claim of every set, in file order.
    public var claims: [SubmittedClaim] { transactionSets.flatMap(\.claims) }
}
