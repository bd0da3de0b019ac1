/// An error in the source of a regular expression or a filename glob.
///
/// `offset` is the UTF-8 byte offset of the offending construct in the source, which is the character
/// position for ASCII sources. The description reads "message at offset N", for mapping lint output.
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    ///
    /// The UTF-8 byte offset of the offending construct in the source; 0 is its first byte.
    public var offset: Int
    /// What is wrong.
    ///
    /// A lowercase phrase naming the offending construct, such as `lookahead '(?=' is not supported`,
    /// without the offset.
    public var message: String

    /// Creates an error for the construct at `offset`.
    ///
    /// - Parameters:
    ///   - offset: UTF-8 byte offset in the source.
    ///   - message: What is wrong.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// The message followed by the offset.
    ///
    /// For example `lookahead '(?=' is not supported at offset 3`.
    public var description: String { "\(message) at offset \(offset)" }
}
