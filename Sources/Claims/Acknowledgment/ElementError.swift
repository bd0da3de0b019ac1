/// An IK4 element error of a 999 (loop 2110) with its CTX context.
public struct ElementError: Sendable, Equatable {
    /// IK401-1 element position in the segment.
    public var position: Int
    /// IK401-2 component position (`nil` when absent).
    public var componentPosition: Int?
    /// IK401-3 repetition position (`nil` when absent).
    public var repetitionPosition: Int?
    /// IK402 data element reference number (empty when absent).
    public var reference: String
    /// IK403 error code (`1` required missing, `7` bad code, `8` bad date, `I12` pattern mismatch…).
    public var code: String
    /// IK404 copy of the bad value (empty when absent).
    public var badValue: String
    /// CTX segments after the IK4.
    public var context: [ErrorContext]

    /// Creates an element error.
    public init(
        position: Int, componentPosition: Int? = nil, repetitionPosition: Int? = nil, reference: String = "",
        code: String, badValue: String = "", context: [ErrorContext] = []
    ) {
        self.position = position
        self.componentPosition = componentPosition
        self.repetitionPosition = repetitionPosition
        self.reference = reference
        self.code = code
        self.badValue = badValue
        self.context = context
    }
}
