/// A statement parameter; `nil` in a parameter list is SQL `NULL`.
///
/// Text goes in PostgreSQL's text format with type oid 0, so the server infers the type from the statement
/// (`$1::int`, a column it is compared with or inserted into). Bytes go in binary format as `bytea` (oid 17).
public enum PGParameter: Sendable, Hashable {
    /// A value in PostgreSQL's text input format (`42`, `2026-12-02`, `t`, any UTF-8 text without NUL).
    case text(String)
    /// A `bytea` value, sent as is.
    case bytes([UInt8])
}
