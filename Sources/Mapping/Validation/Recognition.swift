/// The outcome of recognising a staged file's kind: the mapping to load it with, or why the file as a whole
/// is rejected.
public enum Recognition: Sendable {
    /// One mapping fits; the binding says where each of its fields sits in the file.
    case matched(CompiledMapping, HeaderBinding)
    /// The file's name matches no mapping that fits it, but exactly one mapping's headers fit: it is read by that
    /// mapping, and the receipt says it was recognised by its headers.
    case matchedByHeaders(CompiledMapping, HeaderBinding)
    /// No mapping fits, or several fit equally: the reasons, one issue each, for the exception report.
    case rejected([RowIssue])
}
