/// One record read by ``CSVParser``: its fields, unescaped, and where it starts in the input.
///
/// The parser lends the record to a callback and then reuses it, buffers included, for the next record. Copy out
/// what must outlive the callback (``strings()``, or the bytes of ``withField(_:_:)``): keeping the record itself
/// is safe but makes the parser copy its buffers.
public struct CSVRecord: FieldRecord, Sendable {
    /// The 1-based physical line number where the record starts; the first line of the input is line 1.
    ///
    /// Blank lines and line breaks inside quoted fields count as lines.
    public internal(set) var line: Int = 1

    /// Why the record is malformed, or `nil` when it is well-formed.
    ///
    /// A malformed record still carries the fields that could be read, except for ``CSVRecordProblem/tooLong(bytes:)``.
    public internal(set) var problem: CSVRecordProblem?

    /// The unescaped bytes of all fields, one after the other.
    var bytes: [UInt8] = []

    /// For each field, the offset in `bytes` just past its last byte.
    var ends: [Int] = []

    /// The number of fields in the record.
    ///
    /// An empty line holds no record; a line with text and no delimiter has one field.
    public var count: Int { ends.count }

    /// Calls `body` with the unescaped bytes of the field at `index`, which must be in `0..<count`.
    ///
    /// The bytes are only valid during the call.
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(index >= 0 && index < ends.count, "CSV field index \(index) out of range 0..<\(ends.count)")
        let start = index == 0 ? 0 : ends[index - 1]
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<ends[index]]))
        }
    }

    /// The field at `index` as a `String`.
    ///
    /// The bytes are decoded as UTF-8; invalid sequences are replaced with U+FFFD.
    public func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// All fields as `String`s, decoded like ``string(_:)``.
    ///
    /// Allocates; meant for headers and tests rather than for every row of a large file.
    public func strings() -> [String] {
        (0..<count).map(string)
    }

    /// Empties the record for the one starting at `line`, keeping the buffers' capacity.
    mutating func reset(line: Int) {
        self.line = line
        problem = nil
        clearFields()
    }

    /// Drops the fields read so far, keeping the buffers' capacity.
    mutating func clearFields() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
