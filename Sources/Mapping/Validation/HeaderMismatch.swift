/// Why a file's header does not fit a mapping.
public struct HeaderMismatch: Error, Sendable, Equatable {
    /// The mapping tried.
    public var kind: String
    /// Each reason, in words.
    public var reasons: [String]
    /// Whether a duplicated header name is among the reasons.
    public var duplicateHeader: Bool
}
