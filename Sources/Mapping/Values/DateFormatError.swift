/// An error in a date format or a date limit, with where it was found.
///
/// `offset` is the UTF-8 byte offset of the offending part of the text. The description reads
/// "message at offset N", for mapping lint output.
public struct DateFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    ///
    /// The UTF-8 byte offset of the offending part of the text; 0 is its first byte.
    public var offset: Int
    /// What is wrong.
    ///
    /// A lowercase phrase naming the offending field or text, without the offset.
    public var message: String

    /// Creates an error for the text at `offset`.
    ///
    /// - Parameters:
    ///   - offset: UTF-8 byte offset in the text.
    ///   - message: What is wrong.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// The message followed by the offset.
    ///
    /// For example `unsupported field 'yyy'; use yyyy or yy at offset 0`.
    public var description: String { "\(message) at offset \(offset)" }
}
