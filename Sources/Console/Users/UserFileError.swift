/// A users file that cannot be read or written, or a change to it that is refused.
public struct UserFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The users file.
    public let file: String
    /// The line concerned (1-based), or 0 for the file as a whole.
    public let line: Int
    /// What is wrong.
    public let message: String

    /// An error about `file` (at `line`, when one is concerned).
    public init(file: String, line: Int = 0, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
