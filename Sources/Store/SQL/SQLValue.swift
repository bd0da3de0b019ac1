/// A value bound to a ``PreparedStatement`` parameter.
public enum SQLValue: Sendable {
    /// An integer.
    case int(Int64)
    /// A text.
    case text(String)
    /// SQL NULL.
    case null
}
