/// An error of one domain: a code from that domain's closed set, a message for the operator, and the place
/// it was raised.
///
/// Each domain names its own instantiation (`typealias StoreError = CodedError<StoreErrorCode>`), so a
/// `catch let error as StoreError` still tells the domains apart while they share one shape.
public struct CodedError<Code: Sendable & Equatable>: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public var code: Code
    /// Details for the operator.
    public var message: String
    /// Where it was raised.
    public var file: String
    /// Where it was raised.
    public var line: Int

    /// Creates an error capturing the call site.
    public init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    /// The message.
    public var description: String { message }
}
