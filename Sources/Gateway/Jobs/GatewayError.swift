/// A failure of the gateway itself (not of a file's data, which becomes exceptions).
public struct GatewayError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: Sendable, Equatable {
        /// The configuration or a mapping is invalid.
        case invalidConfiguration
        /// A job's staged file is gone.
        case stagedFileMissing
        /// A command named something that does not exist (source, kind, job).
        case notFound
        /// The input given to a command is unusable.
        case invalidInput
        /// An invariant of the gateway itself failed (a bug): the job's transaction is rolled back.
        case inconsistent
    }

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

    public var description: String { message }
}
