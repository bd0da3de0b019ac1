import Formats
import Foundation
import FuzzSupport

/// CSV: the text decoders and the delimiter sniffer, then the RFC 4180 parser fed whole and in chunks, which
/// must give the same records (line, problem, fields).
@main
enum FuzzCSV {
    static func main() {
        exit(FuzzDriver.run(fuzz))
    }
}

/// One record as the parser handed it over, for comparing two runs.
struct ParsedRecord: Equatable {
    let line: Int
    let problem: CSVRecordProblem?
    let fields: [String]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    checkText(input)
    let firstLine = input.bytes.prefix { $0 != UInt8(ascii: "\n") }
    let delimiter =
        DelimiterSniffer.likelyDelimiter(headerLine: UnsafeBufferPointer(rebasing: firstLine)) ?? UInt8(ascii: ",")
    // A small record limit so that the too-long path is reached by small inputs.
    let whole = parse(delimiter: delimiter, maxRecordBytes: 512) { $0(input.bytes) }
    let chunked = parse(delimiter: delimiter, maxRecordBytes: 512) { input.forEachChunk($0) }
    if whole != chunked {
        fuzzFinding("CSV records differ between one chunk and chunks of \(input.chunkSize) bytes")
    }
    return 0
}

/// Parses what `feed` hands over and returns every record.
func parse(
    delimiter: UInt8, maxRecordBytes: Int, _ feed: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void
) -> [ParsedRecord] {
    var parser = CSVParser(delimiter: delimiter, maxRecordBytes: maxRecordBytes)
    var records: [ParsedRecord] = []
    func keep(_ record: borrowing CSVRecord) {
        records.append(ParsedRecord(line: record.line, problem: record.problem, fields: record.strings()))
    }
    feed { chunk in parser.feed(chunk, keep) }
    parser.finish(keep)
    return records
}

/// UTF-8 validation and UTF-16 transcoding must not depend on chunk boundaries; Windows-1252 must not trap.
func checkText(_ input: FuzzInput) {
    var whole = UTF8Validator()
    whole.feed(input.bytes)
    let wholeValid = whole.finish()
    var chunked = UTF8Validator()
    input.forEachChunk { chunked.feed($0) }
    let chunkedValid = chunked.finish()
    if wholeValid != chunkedValid || whole.firstInvalidOffset != chunked.firstInvalidOffset {
        fuzzFinding("UTF-8 validation differs between one chunk and chunks of \(input.chunkSize) bytes")
    }
    for bigEndian in [false, true] {
        var one = UTF16Transcoder(bigEndian: bigEndian)
        var oneOutput: [UInt8] = []
        one.transcode(input.bytes, into: &oneOutput)
        one.finish(into: &oneOutput)
        var many = UTF16Transcoder(bigEndian: bigEndian)
        var manyOutput: [UInt8] = []
        input.forEachChunk { many.transcode($0, into: &manyOutput) }
        many.finish(into: &manyOutput)
        if oneOutput != manyOutput {
            fuzzFinding("UTF-16 transcoding differs between one chunk and chunks of \(input.chunkSize) bytes")
        }
    }
    var windows: [UInt8] = []
    Windows1252.transcode(input.bytes, into: &windows)
}
