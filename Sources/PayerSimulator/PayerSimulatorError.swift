/// Why the payer simulator cannot answer a batch: the 837P lacks something it needs.
public struct PayerSimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based position of the segment in the interchange; 0 when the problem is not one segment.
    public var segment: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(segment: Int, message: String) {
        self.segment = segment
        self.message = message
    }

    public var description: String { segment == 0 ? message : "segment \(segment): \(message)" }
}
