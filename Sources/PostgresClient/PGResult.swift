import CLibPQ

/// The rows and status of a successful statement, in PostgreSQL's text format.
///
/// The result owns libpq's `PGresult` and clears it on deinit: values are read straight from libpq's memory when
/// asked for, so a large result is never copied cell by cell up front, and the connection is free for the next
/// statement at once. libpq documents a `PGresult` as read-only after creation and safe to share between threads.
public final class PGResult: @unchecked Sendable {
    private let result: OpaquePointer
    /// The column names, in order.
    public let columnNames: [String]
    /// The column type oids, in order (23 `int4`, 20 `int8`, 25 `text`, 17 `bytea`, …: `pg_type.oid`).
    public let columnTypes: [UInt32]
    /// The number of rows returned.
    public let rowCount: Int
    /// The number of rows the command inserted, updated, deleted, selected or copied; nil for commands without one
    /// (`CREATE TABLE`, `BEGIN`).
    public let affectedRows: Int?

    /// Takes ownership of `result`, which must be a successful result.
    init(_ result: OpaquePointer) {
        self.result = result
        let columns = Int(PQnfields(result))
        columnNames = (0..<columns).map { String(cString: PQfname(result, Int32($0))) }
        columnTypes = (0..<columns).map { PQftype(result, Int32($0)) }
        rowCount = Int(PQntuples(result))
        affectedRows = Int(String(cString: PQcmdTuples(result)))
    }

    deinit {
        PQclear(result)
    }

    /// The value at `row`, `column` as text; nil for SQL NULL.
    ///
    /// - Parameters:
    ///   - row: A row index below ``rowCount``.
    ///   - column: A column index below `columnNames.count`.
    public func text(row: Int, column: Int) -> String? {
        withValue(row: row, column: column) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value at `row`, `column` decoded from `bytea` hex output (`\x0aff…`); nil for SQL NULL.
    ///
    /// - Parameters:
    ///   - row: A row index below ``rowCount``.
    ///   - column: A column index below `columnNames.count`.
    /// - Throws: ``PGError`` when the value is not `bytea` hex output (not a `bytea` column, or the server's
    ///   `bytea_output` is `escape` instead of its default `hex`).
    public func bytes(row: Int, column: Int) throws -> [UInt8]? {
        try withValue(row: row, column: column) { text in
            guard let bytes = Self.decodeHex(text) else {
                throw PGError(.other, message: "column \(columnNames[column]) is not bytea hex output")
            }
            return bytes
        }
    }

    private func withValue<Value>(
        row: Int, column: Int, _ body: (UnsafeRawBufferPointer) throws -> Value
    ) rethrows -> Value? {
        precondition(row >= 0 && row < rowCount, "row \(row) out of range 0..<\(rowCount)")
        precondition(column >= 0 && column < columnNames.count, "column \(column) out of range")
        guard PQgetisnull(result, Int32(row), Int32(column)) == 0 else { return nil }
        let value = UnsafeRawPointer(PQgetvalue(result, Int32(row), Int32(column)))
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        return try body(UnsafeRawBufferPointer(start: value, count: length))
    }

    /// Decodes `\x` followed by pairs of hex digits; nil for anything else.
    static func decodeHex(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        guard text.count >= 2, text.count % 2 == 0, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x")
        else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.count / 2 - 1)
        var index = 2
        while index < text.count {
            guard let high = hexDigit(text[index]), let low = hexDigit(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
