import Values

/// A failure of the gateway itself (not of a file's data, which becomes exceptions).
public typealias GatewayError = CodedError<GatewayErrorCode>

/// What kind of ``GatewayError``.
public enum GatewayErrorCode: Sendable, Equatable {
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
