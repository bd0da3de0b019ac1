import Transport
import XMLRecords

/// Streams the records of a staged XML file through libxml2's reader, in constant memory.
struct XMLRecordStream: Sendable {
    let path: String
    let layout: XMLRecordLayout

    /// Calls `body` for every record in document order.
    ///
    /// - Throws: ``XMLRecordError`` for a malformed or truncated document (after the records before it).
    func forEach(_ body: (borrowing XMLRecord) throws -> Void) throws {
        let descriptor = try FileSystem.openForReading(path)
        defer { FileSystem.close(descriptor) }
        _ = try XMLRecordReader.read(
            from: { buffer in try FileSystem.read(descriptor, into: buffer, path: path) }, layout: layout, body)
    }

    /// Whether the file looks like XML: its first non-blank byte (after a BOM) is `<`.
    static func looksLikeXML(_ path: String) -> Bool {
        guard let descriptor = try? FileSystem.openForReading(path) else { return false }
        defer { FileSystem.close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 512, alignment: 1)
        defer { buffer.deallocate() }
        guard let count = try? FileSystem.read(descriptor, into: buffer, path: path) else { return false }
        var bytes = Array(buffer.prefix(count))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }
}
