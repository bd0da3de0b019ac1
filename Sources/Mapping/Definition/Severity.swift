/// Whether a failed check rejects the row or only reports it.
public enum Severity: String, Sendable, Codable, CaseIterable {
    /// The row is not loaded.
    case error
    /// The row is loaded and the problem is reported.
    case warning
}
