/// A failure of the SQLite store.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: Sendable, Equatable {
        /// The job id does not exist.
        case jobNotFound
        /// A claim or batch does not exist.
        case notFound
        /// The requested state change is not allowed from the job's state.
        case invalidTransition
        /// A mapping targets a table the store does not have, or a field that is not a column.
        case unknownTarget
        /// Another process holds the job's lease, or took it over from this one.
        case leased
        /// SQLite returned an error.
        case sqlite
    }

    /// What kind of failure.
    public var code: Code
    /// Details.
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
