/// One AK2 loop of a 999: the verdict on one acknowledged transaction set.
public struct SetAcknowledgment: Sendable, Equatable {
    /// Position of the AK2 segment in the 999.
    public var position: Int
    /// AK201 transaction set id (`837`).
    public var transactionSetID: String
    /// AK202 control number: the acknowledged set's ST02.
    public var controlNumber: String
    /// AK203 implementation guide version (empty when absent).
    public var version: String
    /// IK3 segment errors.
    public var segmentErrors: [SegmentError]
    /// IK501 result.
    public var result: AcknowledgmentCode
    /// IK502 to IK506 syntax error codes (`5` segments in error, `4` segment count wrong…).
    public var errorCodes: [String]

    /// Creates a set acknowledgment.
    public init(
        position: Int, transactionSetID: String, controlNumber: String, version: String = "",
        segmentErrors: [SegmentError] = [], result: AcknowledgmentCode, errorCodes: [String] = []
    ) {
        self.position = position
        self.transactionSetID = transactionSetID
        self.controlNumber = controlNumber
        self.version = version
        self.segmentErrors = segmentErrors
        self.result = result
        self.errorCodes = errorCodes
    }
}
