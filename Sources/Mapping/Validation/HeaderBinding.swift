/// Where each field of a mapping sits in a particular file's header.
public struct HeaderBinding: Sendable, Equatable {
    /// Column position per field (in definition order), `nil` when an optional field's column is absent.
    public var columnIndex: [Int?]
    /// The header name as written in the file, per field.
    public var columnName: [String?]
    /// Number of columns in the header.
    public var headerCount: Int
    /// Header names no field reads.
    public var ignoredColumns: [String]
}
