/// The catalogue of built-in rule ids reported on exceptions.
///
/// Rule ids are stable: operators filter on them and reports are compared across runs. Mappings add
/// their own ids for conditional rules and lookups (for example `unmapped-student`). The README's
/// "Exception rule ids" table lists every id with its meaning.
public enum RuleID {
    // File level: the file as a whole cannot be used (job `rejected`).
    /// The file has no bytes.
    public static let fileEmpty = "file-empty"
    /// The file contains NUL bytes: binary data, not text.
    public static let fileBinary = "file-binary"
    /// The inbox entry is not a regular file of its own (a symbolic link, hard link, FIFO or device): not read.
    public static let fileNotRegular = "file-not-regular"
    /// No mapping recognises the file (name and header).
    public static let noMappingMatch = "no-mapping-match"
    /// More than one mapping recognises the file equally well.
    public static let ambiguousMapping = "ambiguous-mapping"
    /// A header name that a field reads appears twice.
    public static let duplicateHeader = "duplicate-header"
    /// The header row is itself malformed (unterminated quote, too long).
    public static let badHeader = "bad-header"
    /// The XML document is malformed or truncated; nothing of it is loaded.
    public static let malformedXML = "xml-malformed"

    // File level, informational (job still `done`).
    /// The file has a header but no data rows.
    public static let noDataRows = "no-data-rows"
    /// The file was not valid UTF-8 and was read as Windows-1252.
    public static let encodingFallback = "encoding-windows-1252"
    /// The file name matches no mapping that fits; exactly one mapping's headers fit and it was read by that one.
    public static let recognisedByHeaders = "recognised-by-headers"
    /// A header column no field reads (ignored).
    public static let ignoredColumn = "ignored-column"

    // Record structure.
    /// A quoted field is never closed before the end of the file.
    public static let unterminatedQuote = "csv-unterminated-quote"
    /// Text follows a closing quote inside a field.
    public static let textAfterQuote = "csv-text-after-quote"
    /// A record exceeds the maximum record size.
    public static let recordTooLong = "csv-record-too-long"
    /// A record has fewer or more fields than the header.
    public static let raggedRow = "csv-ragged-row"
    /// An XML field path occurs more than once in a record; the first is used.
    public static let xmlRepeatedField = "xml-repeated-field"

    // Field checks.
    /// A required field is empty.
    public static let required = "required"
    /// The value does not parse as the field's type.
    public static let invalidType = "invalid-type"
    /// An invalid calendar date or one not in the accepted formats.
    public static let invalidDate = "invalid-date"
    /// The value does not match the field's pattern.
    public static let pattern = "pattern"
    /// The value is below `min`.
    public static let belowMin = "below-min"
    /// The value is above `max`.
    public static let aboveMax = "above-max"
    /// The text length is outside `length`.
    public static let length = "length"
    /// The value is not one of the accepted values or codes.
    public static let notInValues = "not-in-values"
    /// An NPI that fails the format or Luhn check digit.
    public static let invalidNPI = "invalid-npi"
    /// A money amount with more than two decimals.
    public static let invalidMoney = "invalid-money"
    /// A `unique` field repeats a value seen earlier in the same file.
    public static let duplicateValue = "duplicate-value"
    /// The record's key repeats a key seen earlier in the same file.
    public static let duplicateKey = "duplicate-key"
    /// The record's key was loaded from an earlier file and the mapping keeps first records.
    public static let alreadyLoaded = "already-loaded"

    // Derived fields.
    /// A school year that is not `YYYY-YYYY` with consecutive years.
    public static let invalidSchoolYear = "invalid-school-year"
    /// Neither a norming window nor a date tells the season.
    public static let noSeason = "no-season"
    /// A field the file gives disagrees with the value derived from other fields (warning; the file's value is
    /// kept).
    public static let derivedMismatch = "derived-mismatch"

    // Practitioner qualification (`qualification` in a service-log mapping; the same ids exclude claim services).
    /// The rendering practitioner's NPI is not on the district's practitioner roster.
    public static let practitionerUnknown = "practitioner-unknown"
    /// The practitioner's license is not valid on the service date (outside every roster row's valid from/to).
    public static let practitionerUnlicensed = "practitioner-unlicensed"
    /// The practitioner's type is not among the types a payer profile qualifies for the billing code.
    public static let practitionerNotQualified = "practitioner-not-qualified"

    // Replays (`dropgate replay`): rows the superseded job loaded that the replay no longer produces.
    /// The row was loaded by the superseded job and the replay's mapping rejects it or no longer produces it:
    /// removed in the replay's transaction (warning, row 0, the key as value).
    public static let replayRemoved = "replay-removed"
    /// Such a row is a service a claim bills: kept, so the claim stands, and reported (warning).
    public static let replayKeptBilled = "replay-kept-billed"
}
