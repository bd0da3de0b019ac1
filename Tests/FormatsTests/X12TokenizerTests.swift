import Foundation
import Testing

@testable import Formats

@Suite struct X12TokenizerTests {
    static let isa =
        "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *251121*1200*^*00501*000000101*0*T*:~"
    static let interchange =
        isa + "GS*HC*SUB*REC*20251121*1200*101*X*005010X222A1~ST*837*0001*005010X222A1~"
        + "HI*ABK:F802*ABF:F411~SE*3*0001~GE*1*101~IEA*1*000000101~"

    /// Tokenizes `text` in one chunk and in chunks of every size, expecting the same segments.
    func segments(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [X12Segment] {
        let bytes = Array(text.utf8)
        func run(_ size: Int) throws -> [X12Segment] {
            var tokenizer = X12Tokenizer()
            var result: [X12Segment] = []
            try bytes.withUnsafeBufferPointer { all in
                var start = 0
                while start < all.count {
                    let end = min(all.count, start + size)
                    try tokenizer.feed(UnsafeBufferPointer(rebasing: all[start..<end])) { result.append($0) }
                    start = end
                }
            }
            try tokenizer.finish()
            return result
        }
        let reference = try run(max(1, bytes.count))
        for size in 1..<max(2, bytes.count) {
            #expect(try run(size) == reference, "chunk size \(size)", sourceLocation: sourceLocation)
        }
        return reference
    }

    @Test func delimitersComeFromTheISA() throws {
        let delimiters = try Array(Self.isa.utf8).withUnsafeBufferPointer { try X12Delimiters.detect($0) }
        #expect(delimiters == .standard)
    }

    @Test func segmentsElementsAndPositions() throws {
        let segments = try segments(Self.interchange)
        #expect(segments.map(\.id) == ["ISA", "GS", "ST", "HI", "SE", "GE", "IEA"])
        #expect(segments.map(\.position) == Array(1...7))
        #expect(segments[0].count == 16)
        #expect(segments[0].element(13) == "000000101")
        #expect(segments[3].element(1) == "ABK:F802")
        #expect(
            segments[3].offset == Self.interchange.utf8.count
                - "HI*ABK:F802*ABF:F411~SE*3*0001~GE*1*101~IEA*1*000000101~".utf8.count)
    }

    @Test func newlinesAfterTerminatorsAndOtherDelimitersAreRead() throws {
        let custom = Self.interchange.replacingOccurrences(of: "*", with: "|").replacingOccurrences(
            of: "~", with: "!\r\n"
        )
        .replacingOccurrences(of: ":", with: ">").replacingOccurrences(of: "|^|", with: "|~|")
        let segments = try segments(custom)
        #expect(segments.map(\.id) == ["ISA", "GS", "ST", "HI", "SE", "GE", "IEA"])
        #expect(segments[3].element(2) == "ABF>F411")
        let lineFed = Self.interchange.replacingOccurrences(of: "~", with: "\r\n")
        #expect(try self.segments(lineFed).map(\.id) == ["ISA", "GS", "ST", "HI", "SE", "GE", "IEA"])
        #expect(try self.segments(lineFed).last?.element(2) == "000000101", "the CR before LF is dropped")
    }

    @Test(arguments: [
        ("", "the file is empty"), ("ISA*00*", "shorter than an ISA"),
        ("XSA" + String(isa.dropFirst(3)), "must start with ISA"),
        (String(interchange.dropLast(5)), "truncated"),
    ])
    func malformedInterchangesAreReportedWithTheirSegment(text: String, message: String) {
        #expect {
            _ = try segments(text)
        } throws: { error in
            (error as? X12Error)?.message.contains(message) == true
        }
    }

    @Test func aMissingTerminatorIsCaughtWithoutUnboundedMemory() throws {
        var tokenizer = X12Tokenizer(maxSegmentBytes: 1000)
        let bytes = Array((Self.isa + "GS*" + String(repeating: "X", count: 5000)).utf8)
        #expect(throws: X12Error.self) {
            try bytes.withUnsafeBufferPointer { try tokenizer.feed($0) { _ in } }
        }
    }
}
