/// How the records of a file are laid out.
public enum RecordFormat: Sendable, Equatable {
    /// Delimited text with a header row; `nil` delimiter means a comma.
    case csv(delimiter: UInt8?)
    /// XML whose records are the elements at `recordPath` (`A/B/Record`, or `//Record` at any depth); each
    /// field names a `path` relative to the record (`Name/Last`, `@id`, `Eligibility/@start`).
    case xml(recordPath: String)
}
