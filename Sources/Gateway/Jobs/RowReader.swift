import Formats
import Foundation
import Mapping
import XMLRecords

/// Where a file's records come from.
enum RowSource: Sendable {
    /// CSV: the first record is the header.
    case csv(RecordStream)
    /// XML: every record element is a data row.
    case xml(XMLRecordStream)
}

/// Reads and validates a file's rows on its own thread, sending them in batches through a ``BatchChannel``.
///
/// Parsing and validation run beside the database writes, which take the other core.
struct RowReader: Sendable {
    let source: RowSource
    var validator: RecordValidator
    let storedIndices: [Int]
    /// Counts the bytes read.
    let progress: WorkProgress
    static let batchSize = 4096

    /// Starts reading on a new thread; the channel ends with the file, or with the first read error.
    func start(into channel: BatchChannel<RowBatch>) {
        let reader = self
        channel.startProducer(name: "dropgate.reader") {
            var reader = reader
            try reader.run(into: channel)
        }
    }

    private mutating func run(into channel: BatchChannel<RowBatch>) throws {
        var batch = RowBatch(capacity: Self.batchSize, storedCount: storedIndices.count)
        var stopped = false
        func flushIfFull() throws {
            guard batch.rows.count >= Self.batchSize else { return }
            guard channel.send(batch) else {
                stopped = true
                throw Stopped()
            }
            batch = RowBatch(capacity: Self.batchSize, storedCount: storedIndices.count)
        }
        switch source {
        case .csv(let stream):
            var isHeader = true
            try stream.forEach(progress: progress) { record in
                if isHeader {
                    isHeader = false
                    return
                }
                let problem = record.problem.map { RowIssue($0, line: record.line) }
                append(record, line: record.line, problem: problem, to: &batch)
                try flushIfFull()
            }
        case .xml(let stream):
            try stream.forEach { record in
                let problem = record.problem.map {
                    RowIssue(line: record.line, rule: RuleID.xmlRepeatedField, severity: .warning, message: $0)
                }
                append(record, line: record.line, problem: problem, to: &batch)
                try flushIfFull()
            }
        }
        if !stopped, !batch.rows.isEmpty { _ = channel.send(batch) }
    }

    /// Adds one record: a structural problem that is an error rejects it unvalidated; a warning is kept.
    private mutating func append<Record: FieldRecord & ~Copyable>(
        _ record: borrowing Record, line: Int, problem: RowIssue?, to batch: inout RowBatch
    ) {
        let first = batch.issues.count
        if let problem {
            batch.issues.append(problem)
            if problem.severity == .error {
                batch.rows.append(RowBatch.Row(line: line, accepted: false, issues: first..<batch.issues.count))
                return
            }
        }
        let accepted = validator.validate(record, line: line)
        batch.issues.append(contentsOf: validator.issues)
        if accepted {
            for index in storedIndices { batch.values.append(validator.values[index].stored) }
        }
        batch.rows.append(RowBatch.Row(line: line, accepted: accepted, issues: first..<batch.issues.count))
    }

    private struct Stopped: Error {}
}
