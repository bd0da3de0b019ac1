/// The value type of a field, which decides how its text is parsed and stored.
public enum FieldType: String, Sendable, CaseIterable {
    case string, int, decimal, date, time, bool, `enum`, npi, money
}
