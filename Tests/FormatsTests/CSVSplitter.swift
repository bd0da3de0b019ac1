import Testing

@testable import Formats

/// Parses inputs split into chunks in every possible way, so tests check that chunking never matters.
enum CSVSplitter {
    /// Parses `input` in one chunk, in chunks of every size from 1 to its length, and split in two at every
    /// position; expects the same rows from all of them and returns those rows.
    static func rows(
        _ input: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 1 << 20,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [CSVRow] {
        let reference = parse(input, cuts: [], delimiter: delimiter, maxRecordBytes: maxRecordBytes)
        for size in 1..<max(input.count, 1) {
            let cuts = Array(stride(from: size, to: input.count, by: size))
            let rows = parse(input, cuts: cuts, delimiter: delimiter, maxRecordBytes: maxRecordBytes)
            #expect(rows == reference, "chunk size \(size)", sourceLocation: sourceLocation)
        }
        for cut in 0...input.count {
            let rows = parse(input, cuts: [cut], delimiter: delimiter, maxRecordBytes: maxRecordBytes)
            #expect(rows == reference, "split at \(cut)", sourceLocation: sourceLocation)
        }
        return reference
    }

    /// ``rows(_:delimiter:maxRecordBytes:sourceLocation:)`` for the UTF-8 bytes of `text`.
    static func rows(
        _ text: String, delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 1 << 20,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [CSVRow] {
        rows(Array(text.utf8), delimiter: delimiter, maxRecordBytes: maxRecordBytes, sourceLocation: sourceLocation)
    }

    /// Parses `input` fed as the chunks between `cuts` (ascending offsets; empty chunks included).
    static func parse(_ input: [UInt8], cuts: [Int], delimiter: UInt8, maxRecordBytes: Int) -> [CSVRow] {
        var parser = CSVParser(delimiter: delimiter, maxRecordBytes: maxRecordBytes)
        var rows: [CSVRow] = []
        input.withUnsafeBufferPointer { all in
            var start = 0
            for end in cuts + [all.count] {
                parser.feed(UnsafeBufferPointer(rebasing: all[start..<end])) { rows.append(CSVRow($0)) }
                start = end
            }
        }
        parser.finish { rows.append(CSVRow($0)) }
        #expect(parser.recordsEmitted == rows.count)
        return rows
    }
}
