import Formats
import Mapping
import Transport

/// The CSV exception report of a job, streamed to a temporary file and published atomically.
///
/// Columns: `row, column, field, rule_id, severity, message, value`. `row` is the line where the record
/// starts (header = 1; 0 for the file as a whole). The file may hold personal data (values): mode 0640.
final class ExceptionReport {
    static let header = ["row", "column", "field", "rule_id", "severity", "message", "value"]
    private let writer: AtomicFileWriter
    private(set) var count = 0

    init(path: String) throws(FileSystemError) {
        writer = try AtomicFileWriter(path: path)
        try writer.write(CSVEscaping.line(Self.header))
    }

    var path: String { writer.path }

    func append(_ issue: RowIssue) throws(FileSystemError) {
        count += 1
        try writer.write(
            CSVEscaping.line([
                String(issue.line), issue.column ?? "", issue.field ?? "", issue.rule, issue.severity.rawValue,
                issue.message, issue.value ?? "",
            ]))
    }

    func commit() throws(FileSystemError) {
        try writer.commit()
    }
}
