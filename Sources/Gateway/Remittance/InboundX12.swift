import Claims
import Formats
import Foundation
import Logging
import Mapping
import Store
import Transport

/// Processes a payer's X12 file (835, 999 or TA1, recognised by its ISA/GS/ST, not its name) in the job's
/// one transaction: a remittance is reconciled to claims, an acknowledgment moves batches and claims on.
///
/// An interchange whose envelope does not add up (counts, control numbers, truncation) is rejected as a
/// whole: nothing is applied, every problem is on the exception report with its segment.
struct InboundX12 {
    let runner: JobRunner

    /// Whether the file starts with an ISA segment (after an optional BOM and blank space).
    static func looksLikeX12(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        bytes = bytes.drop { $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }
        return bytes.starts(with: Array("ISA".utf8))
    }

    /// A rejection of the whole interchange, raised inside the transaction so nothing applied survives.
    private struct Rejection: Error {
        var issues: [RowIssue]
    }

    func process(_ job: JobRecord, started: ContinuousClock.Instant) throws {
        guard let jobID = job.id else { return }
        guard let payerID = runner.config.source(job.source)?.payer,
            let profile = runner.payers.first(where: { $0.id == payerID })
        else {
            return try runner.reject(
                job, started: started,
                RowIssue(
                    line: 0, rule: "x12-not-a-payer-inbox",
                    message:
                        "an X12 interchange arrived in source \(job.source), which is no payer's inbox (set `payer:` on the source in dropgate.yaml)"
                ))
        }
        do {
            try runner.ledger.load(jobID: jobID, district: job.source, target: nil, fields: []) { session in
                var handler = try InboundHandler(
                    job: job, jobID: jobID, profile: profile, session: session, layout: runner.layout)
                // Parsing runs on its own thread; this one applies what it finds.
                let channel = BatchChannel<[InboundItem]>(capacity: 8)
                InboundReader(path: job.filePath).start(into: channel)
                var drained = false
                defer { if !drained { channel.cancelAndWait() } }
                var envelopeProblems: [X12Error] = []
                while let items = try channel.receive() {
                    for item in items {
                        switch item {
                        case .kind(let kind): handler.kind = kind
                        case .remittance(let event): try handler.apply(event)
                        case .functional(let acknowledgment): try handler.apply(acknowledgment)
                        case .interchange(let acknowledgment): try handler.apply(acknowledgment)
                        case .envelope(let problems): envelopeProblems = problems
                        }
                    }
                }
                drained = true
                if !envelopeProblems.isEmpty {
                    throw Rejection(
                        issues: envelopeProblems.map {
                            RowIssue(line: $0.segment, rule: "x12-envelope", message: $0.description)
                        })
                }
                let report = try ExceptionReport(
                    path: runner.layout.exceptions(source: job.source, jobID: jobID, name: job.originalName))
                for issue in handler.issues {
                    try session.record(issue)
                    try report.append(issue)
                }
                try report.commit()
                try handler.commitReports()
                let completion = JobCompletion(
                    state: .done, kind: handler.kindName, mappingVersion: nil, encoding: "x12", counts: handler.counts,
                    receiptPath: runner.layout.receipt(source: job.source, jobID: jobID, name: job.originalName),
                    reportPath: report.path, reason: nil, durationMs: JobRunner.milliseconds(since: started))
                try runner.writeReceipt(job, completion: completion, ignoredColumns: [])
                runner.logger.info(
                    "payer file applied",
                    metadata: [
                        "job.id": "\(jobID)", "payer.id": "\(profile.id)", "job.kind": "\(handler.kindName)",
                        "items.count": "\(handler.counts.read)", "issues.count": "\(handler.issues.count)",
                    ])
                return completion
            }
        } catch let rejection as Rejection {
            try runner.reject(job, started: started, rejection.issues)
        } catch let error as X12Error {
            try runner.reject(
                job, started: started, RowIssue(line: error.segment, rule: "x12-malformed", message: error.description))
        } catch let error as UnsupportedInterchange {
            try runner.reject(job, started: started, RowIssue(line: 1, rule: error.rule, message: error.message))
        }
    }

    /// Feeds the file to a tokenizer in 1 MiB chunks.
    static func read(_ path: String, _ body: (X12Segment) throws -> Void) throws {
        var tokenizer = X12Tokenizer()
        try FileSystem.forEachChunk(of: path, chunkSize: 1 << 20) { chunk in
            try tokenizer.feed(chunk.bindMemory(to: UInt8.self), body)
        }
        try tokenizer.finish()
    }
}
