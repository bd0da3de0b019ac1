import Formats

/// One record read by ``XMLRecordReader``: the text of each field path of the layout, and where the record starts.
///
/// A field holds the text found at its path with XML whitespace (space, tab, CR, LF) trimmed at both ends, or
/// nothing when the path is absent from the record. The text of an element is that of its own text and CDATA
/// children, concatenated, with character and predefined entity references (`&amp;`) decoded; text inside
/// nested elements belongs to those elements. Bytes are always UTF-8, whatever the document's encoding.
///
/// The reader lends the record to a callback and then reuses it, buffers included, for the next record. Copy out
/// what must outlive the callback.
public struct XMLRecord: FieldRecord, Sendable {
    /// The 1-based line of the record element's start tag.
    ///
    /// libxml2 counts it where the start tag ends, which only matters for tags spanning lines. Beyond line 65,535,
    /// where libxml2 stops counting lines in its nodes, it is the line where the whitespace or text before the
    /// start tag ends, which is where the tag starts unless markup spanning lines comes in between.
    public internal(set) var line: Int = 1

    /// What is odd about the record although its fields could be read, or `nil` when nothing is.
    ///
    /// For example `field 'MemberId' appears 2 times; the first is used`. Several findings are joined with `; `.
    public internal(set) var problem: String?

    /// The bytes of the fields, in the order they were met in the document.
    var bytes: [UInt8] = []

    /// For each field, in the order of the layout's field paths, where its bytes are in `bytes`.
    var ranges: [Range<Int>]

    /// Creates a record with `count` empty fields.
    init(count: Int) {
        ranges = Array(repeating: 0..<0, count: count)
    }

    /// The number of fields.
    ///
    /// Always the number of field paths in the layout, whether or not they were found in the record.
    public var count: Int { ranges.count }

    /// Calls `body` with the UTF-8 bytes of the field at `index`, which must be in `0..<count`.
    ///
    /// The bytes are only valid during the call; an absent field has no bytes.
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(index >= 0 && index < ranges.count, "XML field index \(index) out of range 0..<\(ranges.count)")
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[ranges[index]]))
        }
    }

    /// The field at `index` as a `String`; empty when the field is absent.
    ///
    /// `index` must be in `0..<count`.
    public func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Empties the record for the one starting at `line`, keeping the buffers' capacity.
    mutating func reset(line: Int) {
        self.line = line
        problem = nil
        bytes.removeAll(keepingCapacity: true)
        for index in ranges.indices {
            ranges[index] = 0..<0
        }
    }

    /// Appends `text` to the field at `index`, dropping whitespace at the start of the field.
    ///
    /// A field's bytes stay contiguous: when other fields were written since the field was last, its bytes so far
    /// move to the end first, which only happens with mixed content.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>, to index: Int) {
        var start = 0
        if ranges[index].isEmpty {
            while start < text.count, Self.isWhitespace(text[start]) {
                start += 1
            }
            guard start < text.count else {
                return
            }
            ranges[index] = bytes.count..<bytes.count
        } else if ranges[index].upperBound != bytes.count {
            let moved = ranges[index]
            ranges[index] = bytes.count..<bytes.count
            for position in moved {
                bytes.append(bytes[position])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        ranges[index] = ranges[index].lowerBound..<bytes.count
    }

    /// Drops the whitespace at the end of every field.
    mutating func trimTrailingWhitespace() {
        for index in ranges.indices {
            var end = ranges[index].upperBound
            while end > ranges[index].lowerBound, Self.isWhitespace(bytes[end - 1]) {
                end -= 1
            }
            ranges[index] = ranges[index].lowerBound..<end
        }
    }

    /// Whether `byte` is XML whitespace: space, tab, CR or LF.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
