/// A streaming RFC 4180 CSV reader: a pure state machine fed with chunks of bytes.
///
/// Chunks may split the input anywhere, even inside a quote pair, a CRLF or the byte-order mark; the records
/// emitted are the same for every split. Fields may be quoted with `"`, a doubled `""` inside quotes stands for
/// one quote, and quoted fields may hold CR, LF and CRLF. Records end with CRLF, LF or a lone CR. A UTF-8
/// byte-order mark at the very start of the input is dropped. Empty lines hold no record but count as lines.
/// A quote inside an unquoted field is an ordinary byte.
///
/// Memory does not grow with the input: one record's buffers are reused, and a record longer than
/// `maxRecordBytes` is skipped without being stored and emitted once with ``CSVRecordProblem/tooLong(bytes:)``.
public struct CSVParser: Sendable {
    /// What the parser is in the middle of, between two bytes of input.
    enum State: Sendable {
        /// Before the first byte of a record; line breaks here are empty lines.
        case recordStart
        /// After a CR that ended a record: an LF next belongs to the same terminator.
        case afterCR
        /// After a delimiter, before the first byte of the next field.
        case fieldStart
        /// Inside a field that did not start with a quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Inside a quoted field, just after a CR at the end of the previous chunk.
        case quotedAfterCR
        /// After a quote inside a quoted field: either the closing quote or the first of a doubled one.
        case quoteInQuoted
    }

    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    let delimiter: UInt8
    let maxRecordBytes: Int
    var state = State.recordStart
    /// The record being read; reused for every record.
    var record = CSVRecord()
    /// The physical line the parser is on.
    var line = 1
    /// Whether the current record's bytes are kept; `false` once it is known to be too long.
    var storing = true
    /// Where the current record starts, as an offset from the start of the chunk being scanned (negative when
    /// it started in an earlier chunk).
    var recordStart = 0
    /// Whether the input so far could still be the start of a byte-order mark.
    private var checkingByteOrderMark = true
    /// How many bytes of the byte-order mark have been seen.
    private var byteOrderMarkMatched = 0

    /// The number of records handed to callbacks so far, malformed ones included.
    ///
    /// Empty lines are not records and are not counted.
    public internal(set) var recordsEmitted = 0

    /// Creates a parser for fields separated by `delimiter`.
    ///
    /// `delimiter` must not be a quote, CR or LF. A record whose size in the input (line terminator excluded)
    /// exceeds `maxRecordBytes` is discarded and reported as ``CSVRecordProblem/tooLong(bytes:)``.
    public init(delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 1 << 20) {
        precondition(
            delimiter != Self.quote && delimiter != Self.cr && delimiter != Self.lf,
            "a CSV delimiter cannot be a quote, CR or LF")
        precondition(maxRecordBytes > 0, "maxRecordBytes must be positive")
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// Feeds the next chunk of input; calls `body` once per record completed by it, in order.
    ///
    /// The record handed to `body` is only valid during the call. If `body` throws, the error is passed on and
    /// the parser must not be used any more.
    public mutating func feed(
        _ chunk: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) throws -> Void
    ) rethrows {
        var chunk = chunk
        if checkingByteOrderMark {
            let skipped = try skipByteOrderMark(chunk, body)
            chunk = UnsafeBufferPointer(rebasing: chunk[skipped...])
        }
        try scan(chunk, body)
    }

    /// Ends the input: emits the last record when the input did not end with a line terminator.
    ///
    /// A record still inside a quoted field is emitted with ``CSVRecordProblem/unterminatedQuote``, which also
    /// wins over ``CSVRecordProblem/tooLong(bytes:)`` since the open quote is what made the record long.
    public mutating func finish(_ body: (borrowing CSVRecord) throws -> Void) rethrows {
        if checkingByteOrderMark {
            try replayByteOrderMark(body)
        }
        switch state {
        case .recordStart, .afterCR:
            break
        case .fieldStart, .unquoted, .quoteInQuoted:
            endField(at: 0)
            try emit(at: 0, body)
        case .quoted, .quotedAfterCR:
            endField(at: 0)
            record.problem = .unterminatedQuote
            try emit(at: 0, body)
        }
        state = .recordStart
    }

    /// Consumes the part of a byte-order mark that starts `chunk` and returns its length.
    ///
    /// When the input turns out not to start with a byte-order mark, the bytes that matched so far are scanned
    /// as ordinary input.
    private mutating func skipByteOrderMark(
        _ chunk: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) throws -> Void
    ) rethrows -> Int {
        var index = 0
        while index < chunk.count {
            guard chunk[index] == Self.byteOrderMark[byteOrderMarkMatched] else {
                try replayByteOrderMark(body)
                return index
            }
            byteOrderMarkMatched += 1
            index += 1
            if byteOrderMarkMatched == Self.byteOrderMark.count {
                checkingByteOrderMark = false
                return index
            }
        }
        return index
    }

    /// Stops looking for a byte-order mark and scans the bytes that looked like its start as ordinary input.
    private mutating func replayByteOrderMark(_ body: (borrowing CSVRecord) throws -> Void) rethrows {
        checkingByteOrderMark = false
        let matched = byteOrderMarkMatched
        try Self.byteOrderMark.withUnsafeBufferPointer { mark in
            try scan(UnsafeBufferPointer(rebasing: mark[..<matched]), body)
        }
    }
}
