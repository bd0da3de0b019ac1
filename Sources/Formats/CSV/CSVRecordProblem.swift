/// Why a CSV record is not well-formed.
///
/// A record with a problem is still emitted, in order and with its line number, so that callers can report it.
public enum CSVRecordProblem: Sendable, Equatable {
    /// The input ended inside a quoted field.
    ///
    /// The quote was opened in the record that starts at ``CSVRecord/line``; everything after it was read as
    /// part of that field.
    case unterminatedQuote

    /// A quoted field has text between its closing quote and the next delimiter or line end, as in `"ab"c`.
    ///
    /// `field` is the 0-based index of the field. The closing quote and the text after it are kept literally in
    /// the field (`ab"c`).
    case textAfterClosingQuote(field: Int)

    /// The record was longer than the parser's `maxRecordBytes`.
    ///
    /// Its fields were discarded while skipping to the end of the record, so the record may have no fields.
    /// `bytes` is the record's size in the input, quotes and delimiters included, line terminator excluded.
    case tooLong(bytes: Int)
}
