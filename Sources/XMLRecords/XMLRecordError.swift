/// Why an XML document could not be read to its end: it is malformed, truncated, empty or not XML at all.
///
/// The position and message come from libxml2, except for an empty document, which is reported at line 1,
/// column 1. Records before the error have already been delivered when it is thrown.
public struct XMLRecordError: Error, Sendable, CustomStringConvertible {
    /// The 1-based line where libxml2 detected the problem.
    ///
    /// For a mismatched end tag, the line of that end tag; for a truncated document, its last line.
    public var line: Int

    /// The 1-based column where libxml2 detected the problem.
    ///
    /// For a truncated document, the column just past its last character; 0 when libxml2 did not say.
    public var column: Int

    /// What is wrong, in libxml2's words.
    ///
    /// For example `Opening and ending tag mismatch: MemberId line 3 and Member`. A document that ends inside an
    /// element is reported as `the document ends inside element 'Member' (line 3): it is truncated` (`inside a
    /// CDATA section in element …` when a CDATA section is not closed), one with no element at all as `the
    /// document is empty`, where libxml2's own words would mislead, and a byte that is not UTF-8 as `the document
    /// is not proper UTF-8 (byte 0xFF): …`, without the document's bytes that libxml2 adds.
    public var message: String

    /// The position and the message.
    ///
    /// For example `line 4, column 12: Opening and ending tag mismatch: MemberId line 4 and Member`.
    public var description: String { "line \(line), column \(column): \(message)" }

    /// Creates an error at `line` and `column` with `message`.
    init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}
