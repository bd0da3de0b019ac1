/// One mistake found in a definition file (mapping, payer profile or gateway configuration).
///
/// Issues carry the file and the 1-based line and column of the offending YAML node, so that
/// `dropgate mappings check` and the daemon's start-up refusal can point at the exact spot.
public struct DefinitionIssue: Sendable, Hashable, CustomStringConvertible {
    /// The definition file the issue was found in.
    public var file: String
    /// 1-based line number, or 0 when the issue concerns the file as a whole.
    public var line: Int
    /// 1-based column number, or 0 when unknown.
    public var column: Int
    /// What is wrong, and where possible what was expected.
    public var message: String

    /// Creates an issue.
    public init(file: String, line: Int, column: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the shape compilers use so editors can jump to it.
    public var description: String {
        if line == 0 { return "\(file): \(message)" }
        if column == 0 { return "\(file):\(line): \(message)" }
        return "\(file):\(line):\(column): \(message)"
    }
}

/// The error thrown when one or more definition files are invalid.
public struct DefinitionError: Error, Sendable, CustomStringConvertible {
    /// Every issue found, in file order.
    public var issues: [DefinitionIssue]

    /// Creates an error from the issues found.
    public init(issues: [DefinitionIssue]) {
        self.issues = issues
    }

    /// One issue per line.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
