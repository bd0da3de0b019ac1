import Foundation
import Testing
import XMLRecords

/// An error's position and message do not depend on how the document is split into chunks.
///
/// Each fixture is a member batch (Samples/riverside-usd) gone wrong in a way where libxml2 placed or worded the
/// error by where a chunk ended.
@Suite struct XMLRecordErrorPositionTests {
    static let layout = try! XMLRecordLayout(recordPath: "//Member", fieldPaths: ["MemberId"])

    /// One chunk, chunk sizes that split the document everywhere and somewhere, and libxml2's own block size.
    static let chunkSizes = [1 << 20, 1, 7, 26, 4096]

    /// The bytes of `Fixtures/<name>`.
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    /// Reads fixture `name` in chunks of `chunk` bytes, expecting the records on `lines` and then `error`.
    static func expect(_ name: String, chunk: Int, lines: [Int], error: String) throws {
        let outcome = XMLFeed.read(try fixture(name), chunk: chunk, layout: layout)
        #expect(outcome.rows.map(\.line) == lines)
        #expect(outcome.recordError?.description == error)
    }

    /// The fuzz finding: a CDATA section opened inside `MemberId` and never closed.
    @Test(arguments: chunkSizes)
    func fuzzFinding(chunk: Int) throws {
        try Self.expect(
            "fuzz-error-position-by-chunk.xml", chunk: chunk, lines: [],
            error:
                "line 12, column 43: the document ends inside a CDATA section in element 'MemberId' (line 4): "
                + "it is truncated")
    }

    /// A CDATA section in the sixth record runs to the end of the document.
    @Test(arguments: chunkSizes)
    func cdataNeverClosed(chunk: Int) throws {
        try Self.expect(
            "cdata-never-closed.xml", chunk: chunk, lines: Array(4...8),
            error:
                "line 14, column 1: the document ends inside a CDATA section in element 'Note' (line 9): "
                + "it is truncated")
    }

    /// Byte 0xFF inside the name of a start tag, `<Firs\xFFt>` in the ninth record.
    @Test(arguments: chunkSizes)
    func nonUTF8ByteInAStartTag(chunk: Int) throws {
        try Self.expect(
            "non-utf8-start-tag.xml", chunk: chunk, lines: Array(4...11),
            error:
                "line 12, column 82: the document is not proper UTF-8 (byte 0xFF): if it is in another encoding, "
                + "its XML declaration must name it")
    }

    /// The document stops right after the `<` of a tag in the ninth record: reported there, not before the `<`.
    @Test(arguments: chunkSizes)
    func truncatedIsReportedAtItsEnd(chunk: Int) throws {
        try Self.expect(
            "truncated.xml", chunk: chunk, lines: Array(4...11),
            error: "line 12, column 187: the document ends inside element 'AidCode' (line 12): it is truncated")
    }
}
