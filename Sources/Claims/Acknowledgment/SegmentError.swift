/// An IK3 segment error of a 999 (loop 2100) with its CTX context and IK4 element errors.
public struct SegmentError: Sendable, Equatable {
    /// IK301 segment id.
    public var segmentID: String
    /// IK302 position of the segment in its set (ST = 1).
    public var position: Int
    /// IK303 loop id (at most 4 characters: `2010`; empty when absent).
    public var loopID: String
    /// IK304 error code (`1` unknown, `3` required missing, `8` has element errors, `I4`-`I9`…; empty when absent).
    public var code: String
    /// CTX segments after the IK3.
    public var context: [ErrorContext]
    /// IK4 element errors.
    public var elementErrors: [ElementError]

    /// Creates a segment error.
    public init(
        segmentID: String, position: Int, loopID: String = "", code: String = "", context: [ErrorContext] = [],
        elementErrors: [ElementError] = []
    ) {
        self.segmentID = segmentID
        self.position = position
        self.loopID = loopID
        self.code = code
        self.context = context
        self.elementErrors = elementErrors
    }
}
