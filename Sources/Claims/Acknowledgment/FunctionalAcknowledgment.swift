/// One 999 transaction set: the verdict on one functional group of 837s (005010X231A1).
public struct FunctionalAcknowledgment: Sendable, Equatable {
    /// The 999's own ST02.
    public var controlNumber: String
    /// AK101 functional identifier of the acknowledged group (`HC`).
    public var functionalID: String
    /// AK102 the acknowledged group's GS06.
    public var groupControlNumber: String
    /// AK103 the acknowledged group's GS08 version (empty when absent).
    public var version: String
    /// The AK2 loops, in order.
    public var sets: [SetAcknowledgment]
    /// AK901 result for the group.
    public var groupResult: AcknowledgmentCode
    /// AK902 number of transaction sets included in the group (its GE01).
    public var included: Int
    /// AK903 number of transaction sets received.
    public var received: Int
    /// AK904 number of transaction sets accepted.
    public var accepted: Int
    /// AK905 to AK909 group syntax error codes.
    public var groupErrorCodes: [String]
    /// Inconsistencies between AK9 and the IK5 results.
    public var issues: [AcknowledgmentIssue]
    /// Elements outside their code list or length limits (warnings), from the ISA on or after the previous
    /// 999's SE up to this one's SE.
    public var elementIssues: [ElementIssue] = []

    /// Creates an acknowledgment.
    public init(
        controlNumber: String, functionalID: String, groupControlNumber: String, version: String,
        sets: [SetAcknowledgment], groupResult: AcknowledgmentCode, included: Int, received: Int, accepted: Int,
        groupErrorCodes: [String], issues: [AcknowledgmentIssue]
    ) {
        self.controlNumber = controlNumber
        self.functionalID = functionalID
        self.groupControlNumber = groupControlNumber
        self.version = version
        self.sets = sets
        self.groupResult = groupResult
        self.included = included
        self.received = received
        self.accepted = accepted
        self.groupErrorCodes = groupErrorCodes
        self.issues = issues
    }
}
