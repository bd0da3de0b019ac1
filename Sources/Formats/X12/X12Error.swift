/// A problem in an X12 interchange, located by segment position and id.
public struct X12Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based position of the segment in the interchange.
    public var segment: Int
    /// The segment id (`ISA`, `CLP`, …), empty when unknown.
    public var segmentID: String
    /// What is wrong.
    public var message: String
    /// The rule id for a problem a guide's table names (`835-code-invalid`); `nil` for a malformed interchange.
    public var rule: String?

    /// Creates an error.
    public init(segment: Int, segmentID: String, message: String, rule: String? = nil) {
        self.segment = segment
        self.segmentID = segmentID
        self.message = message
        self.rule = rule
    }

    public var description: String {
        segmentID.isEmpty ? "segment \(segment): \(message)" : "segment \(segment) (\(segmentID)): \(message)"
    }
}
