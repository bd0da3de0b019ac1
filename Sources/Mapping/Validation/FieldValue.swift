import Values

/// A validated, typed field value ready to be stored.
public enum FieldValue: Sendable, Hashable {
    /// Empty.
    case null
    /// Text (string, enum canonical value, NPI).
    case text(String)
    /// Whole number.
    case int(Int64)
    /// Exact decimal.
    case decimal(FixedDecimal)
    /// Calendar date.
    case date(Day)
    /// Time of day.
    case time(TimeOfDay)
    /// Boolean.
    case bool(Bool)
    /// Money in integer cents.
    case cents(Int64)

    /// The value as text for comparisons in rules and for reports: canonical forms, empty for null.
    public var text: String {
        switch self {
        case .null: return ""
        case .text(let text): return text
        case .int(let int): return String(int)
        case .decimal(let decimal): return decimal.description
        case .date(let day): return day.description
        case .time(let time): return Self.clock(minutes: time.minutes)
        case .bool(let bool): return bool ? "true" : "false"
        case .cents(let cents): return FixedDecimal(units: cents, scale: 2).description
        }
    }

    private static func clock(minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + String(hours) + ":" + (rest < 10 ? "0" : "") + String(rest)
    }

    /// The value as the store keeps it: dates, times and decimals as canonical text, booleans and money as
    /// integers. Rendering it early lets the reading thread, not the database thread, pay for it.
    public var stored: FieldValue {
        switch self {
        case .null, .text, .int: return self
        case .date, .time, .decimal: return .text(text)
        case .bool(let bool): return .int(bool ? 1 : 0)
        case .cents(let cents): return .int(cents)
        }
    }

    /// Whether the value is empty.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
