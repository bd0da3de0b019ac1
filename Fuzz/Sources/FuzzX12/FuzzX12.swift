import Claims
import Formats
import Foundation
import FuzzSupport

/// X12: the tokenizer fed whole and in chunks (same segments, same error), then what Gateway's InboundReader
/// does with a payer's interchange: envelope check, kind detection, and the 835 remittance, 999 and TA1 readers.
@main
enum FuzzX12 {
    static func main() {
        exit(FuzzDriver.run(fuzz))
    }
}

/// The tokenizer's output: every segment and the error that stopped it, if any.
struct Tokens: Equatable {
    var segments: [X12Segment] = []
    var error: X12Error?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let whole = tokenize { $0(input.bytes) }
    let chunked = tokenize { feed in input.forEachChunk(feed) }
    if whole != chunked {
        fuzzFinding("X12 segments differ between one chunk and chunks of \(input.chunkSize) bytes")
    }
    guard whole.error == nil else { return 0 }
    do {
        try readInbound(whole.segments)
    } catch {
        // A thrown error is the reader's designed answer to bad input.
    }
    return 0
}

/// Tokenizes what `feed` hands over, with a small segment limit so that the oversized-segment path is reached.
func tokenize(_ feed: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) -> Tokens {
    var tokens = Tokens()
    var tokenizer = X12Tokenizer(maxSegmentBytes: 4096)
    feed { chunk in
        guard tokens.error == nil else { return }
        do {
            try tokenizer.feed(chunk) { tokens.segments.append($0) }
        } catch let error as X12Error {
            tokens.error = error
        } catch {
            fuzzFinding("the tokenizer threw \(type(of: error)), not X12Error")
        }
    }
    if tokens.error == nil {
        do throws(X12Error) {
            try tokenizer.finish()
        } catch {
            tokens.error = error
        }
    }
    return tokens
}

/// The dispatch of Sources/Gateway/Remittance/InboundReader.swift over segments in memory.
func readInbound(_ segments: [X12Segment]) throws {
    struct Unsupported: Error {}
    var envelope = X12EnvelopeValidator()
    var kind: X12TransactionKind?
    var pending: [X12Segment] = []
    var remittance = RemittanceReader()
    var acknowledgments = AcknowledgmentReader()
    var items = 0
    func dispatch(_ segment: X12Segment) throws {
        if segment.hasID("TA1") {
            _ = try InterchangeAcknowledgment(segment)
            items += 1
            return
        }
        switch kind {
        case .remittance835?: try remittance.read(segment) { _ in items += 1 }
        case .acknowledgment999?: try acknowledgments.read(segment) { _ in items += 1 }
        default: break
        }
    }
    for segment in segments {
        envelope.check(segment)
        if kind != nil {
            try dispatch(segment)
            continue
        }
        pending.append(segment)
        guard segment.hasID("ST") || segment.hasID("IEA") else { continue }
        guard let detected = X12TransactionKind.detect(pending), detected != .claim837 else { throw Unsupported() }
        kind = detected
        for earlier in pending { try dispatch(earlier) }
        pending = []
    }
    envelope.finish()
    switch kind {
    case .remittance835?: try remittance.finish()
    case .acknowledgment999?: try acknowledgments.finish()
    case nil: throw Unsupported()
    default: break
    }
}
