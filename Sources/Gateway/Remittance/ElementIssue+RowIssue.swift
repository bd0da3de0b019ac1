import Claims
import Mapping

extension ElementIssue {
    /// The exception-report row: the segment position as the line, the element as the column, a code as the
    /// value (never a name or an id: those are reported by length).
    var rowIssue: RowIssue {
        RowIssue(
            line: segment, column: element, rule: rule.rawValue, severity: severity == .error ? .error : .warning,
            message: "\(segmentID) segment \(segment): \(message)", value: value)
    }
}
