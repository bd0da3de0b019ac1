import Formats
import Mapping
import Transport

/// Streams the CSV records of a staged file in constant memory, transcoding Windows-1252 and UTF-16 on the fly.
struct RecordStream {
    let path: String
    let encoding: TextEncoding
    let delimiter: UInt8
    let maxRecordBytes: Int
    static let chunkSize = 1 << 20

    /// Calls `body` for every record, header included, in order, counting the bytes read on `progress`.
    func forEach(progress: WorkProgress? = nil, _ body: (borrowing CSVRecord) throws -> Void) throws {
        var parser = CSVParser(delimiter: delimiter, maxRecordBytes: maxRecordBytes)
        let descriptor = try FileSystem.openForReading(path)
        defer { FileSystem.close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var transcoded: [UInt8] = []
        var utf16 = UTF16Transcoder(bigEndian: encoding == .utf16BigEndian)
        while true {
            let count = try FileSystem.read(descriptor, into: buffer, path: path)
            if count == 0 { break }
            progress?.read(count)
            let chunk = UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[0..<count])
            switch encoding {
            case .utf8:
                try parser.feed(chunk, body)
            case .windows1252:
                transcoded.removeAll(keepingCapacity: true)
                Windows1252.transcode(chunk, into: &transcoded)
                try transcoded.withUnsafeBufferPointer { try parser.feed($0, body) }
            case .utf16LittleEndian, .utf16BigEndian:
                transcoded.removeAll(keepingCapacity: true)
                utf16.transcode(chunk, into: &transcoded)
                try transcoded.withUnsafeBufferPointer { try parser.feed($0, body) }
            }
        }
        if encoding == .utf16LittleEndian || encoding == .utf16BigEndian {
            transcoded.removeAll(keepingCapacity: true)
            utf16.finish(into: &transcoded)
            try transcoded.withUnsafeBufferPointer { try parser.feed($0, body) }
        }
        try parser.finish(body)
    }

    /// The first record (the header), or `nil` for a file with no records.
    func header() throws -> HeaderRow? {
        var header: HeaderRow?
        do {
            try forEach { record in
                header = HeaderRow(names: record.strings(), line: record.line, problem: record.problem)
                throw StopReading()
            }
        } catch is StopReading {}
        return header
    }

    private struct StopReading: Error {}
}
