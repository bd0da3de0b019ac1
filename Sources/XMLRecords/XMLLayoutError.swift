/// Why a record or field path given to ``XMLRecordLayout`` cannot be used.
///
/// The message names the path and what is wrong with it, ready to show to whoever wrote the mapping.
public struct XMLLayoutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in one sentence without a final period.
    ///
    /// For example `field path 'Name//Last' has an empty step`.
    public var message: String

    /// The message, as is.
    ///
    /// Lets the error be interpolated into reports without repeating its type.
    public var description: String { message }

    /// Creates an error with `message`.
    init(_ message: String) {
        self.message = message
    }
}
