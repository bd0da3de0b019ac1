/// The accepted values of an enum field.
public enum EnumValues: Sendable {
    /// Accepted spelling → canonical value stored.
    case inline([String: String])
    /// A named code table of the mapping, resolved per district.
    case table(String)
}
