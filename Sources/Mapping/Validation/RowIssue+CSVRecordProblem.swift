import Formats

extension RowIssue {
    /// The exception for a record the CSV parser could not read as written.
    ///
    /// - Parameters:
    ///   - problem: what the parser found.
    ///   - line: the line the record starts on.
    public init(_ problem: CSVRecordProblem, line: Int) {
        switch problem {
        case .unterminatedQuote:
            self.init(
                line: line, rule: RuleID.unterminatedQuote,
                message: "a quoted field starting on this row is never closed before the end of the file")
        case .textAfterClosingQuote(let field):
            self.init(
                line: line, rule: RuleID.textAfterQuote, message: "field \(field + 1) has text after its closing quote")
        case .tooLong(let bytes):
            self.init(
                line: line, rule: RuleID.recordTooLong,
                message: "the record is \(bytes) bytes long, over the limit; it was skipped")
        }
    }
}
