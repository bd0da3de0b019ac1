/// How a file is recognised: a filename glob first, then the header row.
public struct MatchRule: Sendable {
    /// Globs the file name must match (any of them); empty matches every name.
    public var filenames: [Glob]
    /// Fields whose column must be present in the header for the file to be this kind.
    public var headerFields: [String]

    /// Creates a match rule.
    public init(filenames: [Glob], headerFields: [String]) {
        self.filenames = filenames
        self.headerFields = headerFields
    }
}
