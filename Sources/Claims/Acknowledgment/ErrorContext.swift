/// A CTX segment of a 999: where in the business data an error sits.
public struct ErrorContext: Sendable, Equatable {
    /// CTX01-1 context name (`SITUATIONAL TRIGGER`, or a business unit such as `CLM01`).
    public var name: String
    /// CTX01-2 context reference (the claim's CLM01 value for a business unit).
    public var reference: String
    /// CTX02 segment id of the trigger (empty when absent).
    public var segmentID: String
    /// CTX03 position of that segment in the set (`nil` when absent).
    public var segmentPosition: Int?
    /// CTX04 loop id (empty when absent).
    public var loopID: String

    /// Creates a context.
    public init(
        name: String, reference: String = "", segmentID: String = "", segmentPosition: Int? = nil,
        loopID: String = ""
    ) {
        self.name = name
        self.reference = reference
        self.segmentID = segmentID
        self.segmentPosition = segmentPosition
        self.loopID = loopID
    }
}
