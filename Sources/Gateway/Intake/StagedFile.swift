/// Facts about a file copied into staging.
public struct StagedFile: Sendable, Equatable {
    /// Where the copy is.
    public var path: String
    /// Hex SHA-256 of the bytes.
    public var sha256: String
    /// Size in bytes.
    public var size: Int64
    /// How the text must be read: `utf-8`, `windows-1252`, or `binary` when it holds NUL bytes.
    public var encoding: String
}
