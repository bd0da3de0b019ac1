import Testing
import XMLRecords

/// One record as the tests compare it: its line, its fields as strings and its problem.
struct Row: Equatable, Sendable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var problem: String?

    var description: String { "\(line): \(fields)" + (problem.map { " (\($0))" } ?? "") }

    init(_ line: Int, _ fields: [String], problem: String? = nil) {
        self.line = line
        self.fields = fields
        self.problem = problem
    }
}

/// What reading a document gave: the records delivered, the count returned, and the error thrown, if any.
struct Outcome {
    var rows: [Row] = []
    var count: Int?
    var error: (any Error)?

    /// The error as an ``XMLRecordError``, recording an issue when there is none or another one.
    var recordError: XMLRecordError? {
        guard let error = error as? XMLRecordError else {
            Issue.record("expected an XMLRecordError, got \(String(describing: error))")
            return nil
        }
        return error
    }
}

/// Feeds documents to ``XMLRecordReader`` the way a caller would, in chunks of a chosen size.
enum XMLFeed {
    /// Chunk sizes that split a document everywhere, somewhere, and nowhere.
    static let chunkSizes = [1, 7, 1 << 20]

    /// A read closure over `bytes` that returns at most `chunk` bytes per call.
    static func reader(_ bytes: [UInt8], chunk: Int) -> (UnsafeMutableRawBufferPointer) throws -> Int {
        var offset = 0
        return { buffer in
            let count = min(chunk, buffer.count, bytes.count - offset)
            buffer.copyBytes(from: bytes[offset..<offset + count])
            offset += count
            return count
        }
    }

    /// Reads `bytes` with `layout` in chunks of `chunk` bytes and collects what happened.
    static func read(_ bytes: [UInt8], chunk: Int, layout: XMLRecordLayout) -> Outcome {
        var outcome = Outcome()
        do {
            outcome.count = try XMLRecordReader.read(from: reader(bytes, chunk: chunk), layout: layout) { record in
                let fields = (0..<record.count).map { record.string($0) }
                outcome.rows.append(Row(record.line, fields, problem: record.problem))
            }
        } catch {
            outcome.error = error
        }
        return outcome
    }

    /// Reads the UTF-8 text `xml` like ``read(_:chunk:layout:)``.
    static func read(_ xml: String, chunk: Int, layout: XMLRecordLayout) -> Outcome {
        read(Array(xml.utf8), chunk: chunk, layout: layout)
    }
}
