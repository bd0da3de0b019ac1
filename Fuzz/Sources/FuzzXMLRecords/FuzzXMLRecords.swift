import Foundation
import FuzzSupport
import XMLRecords

/// XML records: libxml2's streaming reader with the member-batch layout (Mappings/member-batch-xml.yaml), fed
/// whole and in chunks; both must deliver the same records and end the same way.
@main
enum FuzzXMLRecords {
    static func main() {
        exit(FuzzDriver.run(fuzz))
    }
}

/// The layout of Mappings/member-batch-xml.yaml: records anywhere, element, nested and attribute fields.
let layout: XMLRecordLayout = {
    do {
        return try XMLRecordLayout(
            recordPath: "//Member",
            fieldPaths: [
                "MemberId", "CIN", "Name/Last", "Name/First", "DateOfBirth", "Eligibility/@start", "Eligibility/@end",
                "AidCode", "@plan", "County",
            ])
    } catch {
        fuzzFinding("the member-batch layout is invalid: \(error)")
    }
}()

/// One record as the reader handed it over, for comparing two runs.
struct ParsedRecord: Equatable {
    let line: Int
    let problem: String?
    let fields: [[UInt8]]
}

/// How a run ended: the records and the error, if any.
struct Outcome: Equatable {
    var records: [ParsedRecord] = []
    var error: String?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let whole = read(input.bytes, chunkSize: max(input.bytes.count, 1))
    let chunked = read(input.bytes, chunkSize: input.chunkSize)
    if whole != chunked {
        let first = whole.records.indices.first {
            $0 >= chunked.records.count || whole.records[$0] != chunked.records[$0]
        }
        fuzzFinding(
            """
            XML records differ between one chunk and chunks of \(input.chunkSize) bytes: \
            \(whole.records.count) vs \(chunked.records.count) records, first difference at \(first.map(String.init) ?? "-") \
            (\(first.map { "\(whole.records[$0]) vs \(chunked.records.dropFirst($0).first.map { "\($0)" } ?? "none")" } ?? "")), \
            error \(whole.error ?? "none") vs \(chunked.error ?? "none")
            """)
    }
    return 0
}

/// Reads `bytes` handing libxml2 at most `chunkSize` bytes per call.
func read(_ bytes: UnsafeBufferPointer<UInt8>, chunkSize: Int) -> Outcome {
    var outcome = Outcome()
    var offset = 0
    do {
        _ = try XMLRecordReader.read(
            from: { buffer in
                let count = min(chunkSize, buffer.count, bytes.count - offset)
                guard count > 0 else { return 0 }
                buffer.copyMemory(
                    from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<offset + count])))
                offset += count
                return count
            },
            layout: layout
        ) { record in
            var fields: [[UInt8]] = []
            for index in 0..<record.count { fields.append(record.withField(index) { Array($0) }) }
            outcome.records.append(ParsedRecord(line: record.line, problem: record.problem, fields: fields))
        }
    } catch let error as XMLRecordError {
        // Position and message: libxml2 gets the same blocks however the input is split, so both must match.
        outcome.error = error.description
    } catch {
        fuzzFinding("the XML reader threw \(type(of: error)), not XMLRecordError")
    }
    return outcome
}
