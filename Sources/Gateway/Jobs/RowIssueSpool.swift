import Glibc
import Mapping
import Transport

/// The exception rows of a job being read, kept in memory while they are few and spilled to a nameless scratch
/// file beside the staged file once there are many, so a file with a million problems is reported in the same
/// memory as one with ten.
///
/// Rows come back in the order they were added. ``mark()`` and ``rollback(to:)`` take back the rows added after
/// a point (a transaction set undone and read again).
final class RowIssueSpool {
    /// A point to roll back to.
    struct Mark {
        fileprivate let count: Int
        fileprivate let spilled: Int64
        fileprivate let inMemory: Int
    }

    /// The number of rows.
    private(set) var count = 0
    private var recent: [RowIssue] = []
    private let folder: String
    private let memoryLimit: Int
    private var descriptor: Int32 = -1
    /// Bytes written to the scratch file (everything before `recent`).
    private var spilled: Int64 = 0

    /// A spool whose scratch file, when needed, is made in `folder` (the staging folder: what it holds is as
    /// private as the staged file). More than `memoryLimit` rows in memory go to the file.
    init(folder: String, memoryLimit: Int = 4096) {
        self.folder = folder
        self.memoryLimit = memoryLimit
    }

    deinit {
        if descriptor >= 0 { FileSystem.close(descriptor) }
    }

    /// Adds a row.
    func append(_ issue: RowIssue) throws {
        recent.append(issue)
        count += 1
        if recent.count >= memoryLimit { try spill() }
    }

    /// The point the spool is at now.
    func mark() -> Mark { Mark(count: count, spilled: spilled, inMemory: recent.count) }

    /// Takes back every row added since `mark`.
    func rollback(to mark: Mark) throws {
        if spilled > mark.spilled {
            // The rows that were in memory at the mark have been spilled since: take them back from the file.
            var kept: [RowIssue] = []
            try forEachSpilled(from: mark.spilled) { issue in
                if kept.count < mark.inMemory { kept.append(issue) }
            }
            try FileSystem.truncate(descriptor, to: mark.spilled, path: folder)
            spilled = mark.spilled
            recent = kept
        } else {
            recent.removeSubrange(mark.inMemory...)
        }
        count = mark.count
    }

    /// Calls `body` with every row, in order.
    func forEach(_ body: (RowIssue) throws -> Void) throws {
        try forEachSpilled(from: 0, body)
        for issue in recent { try body(issue) }
    }

    /// Every row, in order (for a rejection, which reports them all in a new transaction).
    func all() throws -> [RowIssue] {
        var issues: [RowIssue] = []
        issues.reserveCapacity(count)
        try forEach { issues.append($0) }
        return issues
    }

    private func spill() throws {
        if descriptor < 0 { descriptor = try FileSystem.createScratch(in: folder) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(recent.count * 160)
        for issue in recent { Self.encode(issue, into: &bytes) }
        try bytes.withUnsafeBytes { try FileSystem.write(descriptor, $0, path: folder) }
        spilled += Int64(bytes.count)
        recent.removeAll(keepingCapacity: true)
    }

    private func forEachSpilled(from start: Int64, _ body: (RowIssue) throws -> Void) throws {
        guard descriptor >= 0, spilled > start else { return }
        var reader = Reader(descriptor: descriptor, offset: start, end: spilled, path: folder)
        while let issue = try reader.next() { try body(issue) }
    }

    // MARK: - Encoding: line, severity, then rule, message, column, field, value as length-prefixed UTF-8.

    private static let absent = UInt32.max

    private static func encode(_ issue: RowIssue, into bytes: inout [UInt8]) {
        append(UInt64(bitPattern: Int64(issue.line)), into: &bytes)
        bytes.append(issue.severity == .error ? 1 : 0)
        for text in [issue.rule, issue.message, issue.column, issue.field, issue.value] as [String?] {
            guard let text else {
                append32(absent, into: &bytes)
                continue
            }
            append32(UInt32(text.utf8.count), into: &bytes)
            bytes.append(contentsOf: text.utf8)
        }
    }

    private static func append(_ value: UInt64, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    private static func append32(_ value: UInt32, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// Reads encoded rows back through a 64 KiB buffer.
    private struct Reader {
        let descriptor: Int32
        var offset: Int64
        let end: Int64
        let path: String
        var buffer: [UInt8] = []
        var index = 0

        init(descriptor: Int32, offset: Int64, end: Int64, path: String) {
            self.descriptor = descriptor
            self.offset = offset
            self.end = end
            self.path = path
        }

        mutating func next() throws -> RowIssue? {
            if index == buffer.count, offset >= end { return nil }
            let line = Int(Int64(bitPattern: try integer(8)))
            let severity: Severity = try take(1).first == 1 ? .error : .warning
            var texts: [String?] = []
            for _ in 0..<5 {
                let length = UInt32(truncatingIfNeeded: try integer(4))
                texts.append(
                    length == RowIssueSpool.absent ? nil : String(decoding: try take(Int(length)), as: UTF8.self))
            }
            return RowIssue(
                line: line, column: texts[2], field: texts[3], rule: texts[0] ?? "", severity: severity,
                message: texts[1] ?? "", value: texts[4])
        }

        private mutating func integer(_ size: Int) throws -> UInt64 {
            var value: UInt64 = 0
            for (shift, byte) in try take(size).enumerated() { value |= UInt64(byte) << (8 * shift) }
            return value
        }

        /// The next `size` bytes, reading more from the file as needed.
        private mutating func take(_ size: Int) throws -> ArraySlice<UInt8> {
            while buffer.count - index < size {
                guard offset < end else {
                    throw FileSystemError("read", path: path, errno: EIO)
                }
                let want = Int(min(Int64(max(1 << 16, size)), end - offset))
                var chunk = [UInt8](repeating: 0, count: want)
                let read = try chunk.withUnsafeMutableBytes {
                    try FileSystem.read(descriptor, into: $0, at: offset, path: path)
                }
                guard read > 0 else { throw FileSystemError("read", path: path, errno: EIO) }
                buffer = Array(buffer[index...]) + chunk[0..<read]
                index = 0
                offset += Int64(read)
            }
            defer { index += size }
            return buffer[index..<index + size]
        }
    }
}
