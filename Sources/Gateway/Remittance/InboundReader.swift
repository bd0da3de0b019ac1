import Claims
import Formats
import Foundation
import Transport

/// Reads a payer's interchange on its own thread: tokenizer, envelope check, kind detection and the kind's
/// reader, sending what they find in batches, so parsing runs beside the database writes.
struct InboundReader: Sendable {
    let path: String
    /// Counts the bytes read.
    let progress: WorkProgress
    static let batchSize = 512

    /// Starts reading on a new thread; the channel ends with the file, or with the first error.
    func start(into channel: BatchChannel<[InboundItem]>) {
        let reader = self
        channel.startProducer(name: "dropgate.x12-reader") { try reader.run(into: channel) }
    }

    private struct Cancelled: Error {}

    private func run(into channel: BatchChannel<[InboundItem]>) throws {
        var batch: [InboundItem] = []
        batch.reserveCapacity(Self.batchSize)
        func send(_ item: InboundItem) throws {
            batch.append(item)
            if batch.count >= Self.batchSize {
                guard channel.send(batch) else { throw Cancelled() }
                batch.removeAll(keepingCapacity: true)
            }
        }
        var envelope = X12EnvelopeValidator()
        var kind: X12TransactionKind?
        var pending: [X12Segment] = []
        var remittance = RemittanceReader()
        var acknowledgments = AcknowledgmentReader()
        var claimAcknowledgments = ClaimAcknowledgmentReader()
        func dispatch(_ segment: X12Segment) throws {
            // A TA1 may stand alone or travel with a 999 (before its GS or after its GE): apply it either way.
            if segment.hasID("TA1") {
                try send(.interchange(try InterchangeAcknowledgment(segment)))
                return
            }
            switch kind {
            case .remittance835?: try remittance.read(segment) { try send(.remittance($0)) }
            case .acknowledgment999?: try acknowledgments.read(segment) { try send(.functional($0)) }
            case .claimAcknowledgment277?: try claimAcknowledgments.read(segment) { try send(.claimAcknowledgment($0)) }
            default: break
            }
        }
        try Self.segments(of: path, progress: progress) { segment in
            envelope.check(segment)
            if let parties = EnvelopeParties(segment) { try send(.parties(parties)) }
            if kind != nil {
                try dispatch(segment)
                return
            }
            pending.append(segment)
            guard segment.hasID("ST") || segment.hasID("IEA") else { return }
            guard let detected = X12TransactionKind.detect(pending), detected != .claim837 else {
                throw UnsupportedInterchange(
                    message: X12TransactionKind.detect(pending) == .claim837
                        ? "an 837 claim file is not something payers send back"
                        : "no 835, 999, 277CA or TA1 transaction found in this interchange")
            }
            kind = detected
            try send(.kind(detected))
            for earlier in pending { try dispatch(earlier) }
            pending = []
        }
        envelope.finish()
        switch kind {
        case .remittance835?: try remittance.finish()
        case .acknowledgment999?: try acknowledgments.finish()
        case .claimAcknowledgment277?: try claimAcknowledgments.finish()
        case nil:
            throw UnsupportedInterchange(message: "no 835, 999, 277CA or TA1 transaction found in this interchange")
        default: break
        }
        try send(.envelope(envelope.problems))
        if !batch.isEmpty, !channel.send(batch) { throw Cancelled() }
    }

    /// Feeds the file to a tokenizer in 1 MiB chunks, counting them on `progress`.
    static func segments(
        of path: String, progress: WorkProgress? = nil, _ body: (X12Segment) throws -> Void
    ) throws {
        var tokenizer = X12Tokenizer()
        try FileSystem.forEachChunk(of: path, chunkSize: 1 << 20) { chunk in
            progress?.read(chunk.count)
            try tokenizer.feed(chunk.bindMemory(to: UInt8.self), body)
        }
        try tokenizer.finish()
    }
}
