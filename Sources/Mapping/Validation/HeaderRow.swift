import Formats

/// A file's first record as read with one delimiter, handed to recognition.
public struct HeaderRow: Sendable, Equatable {
    /// The header names, as written.
    public var names: [String]
    /// The line the record starts on.
    public var line: Int
    /// A structural problem of the record (an unterminated quote, say), when there is one.
    public var problem: CSVRecordProblem?

    /// Creates a header row.
    public init(names: [String], line: Int, problem: CSVRecordProblem? = nil) {
        self.names = names
        self.line = line
        self.problem = problem
    }
}
