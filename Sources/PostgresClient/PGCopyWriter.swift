import CLibPQ

/// Rows for a running `COPY ... FROM STDIN`, written in PostgreSQL's text format and sent in chunks of ~64 KiB.
///
/// Each field is escaped as the COPY text format requires (PostgreSQL documentation, "COPY", "Text Format"):
/// backslash, tab, newline and carriage return become `\\`, `\t`, `\n` and `\r`; SQL `NULL` is `\N`. Fields are
/// separated by tabs and rows end with a newline. The writer exists only inside ``PGConnection/copy(_:_:)``.
public struct PGCopyWriter: ~Copyable {
    /// How many bytes are gathered before they go to the server.
    static let chunkSize = 65_536

    private let connection: OpaquePointer
    private let sql: String
    private var buffer: [UInt8] = []

    init(connection: OpaquePointer, sql: String) {
        self.connection = connection
        self.sql = sql
        buffer.reserveCapacity(Self.chunkSize + 4_096)
    }

    /// Appends one row, one field per column of the COPY's column list, in order.
    ///
    /// - Parameter fields: The values in PostgreSQL's text input format; `nil` is SQL `NULL`.
    /// - Throws: ``PGError`` when sending a full chunk fails (the connection is lost). A row the server refuses
    ///   fails the whole COPY when it ends.
    public mutating func appendRow(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            append(field)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Sends what is buffered.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBytes { bytes in
            PQputCopyData(connection, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        }
        buffer.removeAll(keepingCapacity: true)
        guard sent == 1 else { throw PGConnection.error(connection, sql: sql) }
    }

    private mutating func append(_ field: String?) {
        guard var field else {
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
            return
        }
        field.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscape) else {
                buffer.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
