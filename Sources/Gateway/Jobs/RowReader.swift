import Formats
import Foundation
import Mapping

/// Reads and validates a file's rows on its own thread, sending them in batches through a ``BatchChannel``.
///
/// Parsing and validation run beside the database writes, which take the other core.
struct RowReader: Sendable {
    let stream: RecordStream
    var validator: RecordValidator
    let storedIndices: [Int]
    static let batchSize = 4096

    /// Starts reading on a new thread; the channel ends with the file, or with the first read error.
    func start(into channel: BatchChannel<RowBatch>) {
        let reader = self
        let thread = Thread {
            var reader = reader
            do {
                try reader.run(into: channel)
                channel.finish()
            } catch {
                channel.finish(throwing: error)
            }
        }
        thread.name = "dropgate.reader"
        thread.start()
    }

    private mutating func run(into channel: BatchChannel<RowBatch>) throws {
        var batch = RowBatch(capacity: Self.batchSize, storedCount: storedIndices.count)
        var isHeader = true
        var stopped = false
        try stream.forEach { record in
            if isHeader {
                isHeader = false
                return
            }
            append(record, to: &batch)
            if batch.rows.count >= Self.batchSize {
                guard channel.send(batch) else {
                    stopped = true
                    throw Stopped()
                }
                batch = RowBatch(capacity: Self.batchSize, storedCount: storedIndices.count)
            }
        }
        if !stopped, !batch.rows.isEmpty { _ = channel.send(batch) }
    }

    private mutating func append(_ record: borrowing CSVRecord, to batch: inout RowBatch) {
        let first = batch.issues.count
        if let problem = record.problem {
            batch.issues.append(JobRunner.issue(for: problem, line: record.line))
            batch.rows.append(RowBatch.Row(line: record.line, accepted: false, issues: first..<batch.issues.count))
            return
        }
        let accepted = validator.validate(record, line: record.line)
        batch.issues.append(contentsOf: validator.issues)
        if accepted {
            for index in storedIndices { batch.values.append(validator.values[index].stored) }
        }
        batch.rows.append(RowBatch.Row(line: record.line, accepted: accepted, issues: first..<batch.issues.count))
    }

    private struct Stopped: Error {}
}
