import Claims
import Formats
import Foundation
import Logging
import Mapping
import Store

/// Applies a payer's X12 file (835, 999, 277CA or TA1, recognised by its ISA/GS/ST, not its name) in the job's one
/// transaction: a remittance is reconciled to claims, an acknowledgment moves batches and claims on.
///
/// An interchange whose envelope does not add up (counts, control numbers, truncation), that comes from another
/// sender or goes to another receiver than the payer profile names, or that repeats a payment already applied,
/// is rejected as a whole: nothing is applied, every problem is on the exception report with its segment.
struct InterchangeHandler: JobHandler {
    let job: JobRecord
    let profile: PayerProfile
    let layout: OutboxLayout
    var target: LoadTarget? { nil }

    /// A handler for a job staged in a payer's inbox.
    ///
    /// - Throws: ``JobRejection`` when the job's source is no payer's inbox.
    init(job: JobRecord, environment: JobEnvironment) throws {
        guard let payerID = environment.config.source(job.source)?.payer,
            let profile = environment.payers.first(where: { $0.id == payerID })
        else {
            throw JobRejection(
                RowIssue(
                    line: 0, rule: "x12-not-a-payer-inbox",
                    message:
                        "an X12 interchange arrived in source \(job.source), which is no payer's inbox (set `payer:` on the source in dropgate.yaml)"
                ))
        }
        self.job = job
        self.profile = profile
        layout = environment.layout
    }

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

    func handle(_ transaction: JobTransaction) throws -> JobEnding {
        do {
            return try apply(transaction)
        } catch let error as X12Error {
            throw JobRejection(
                RowIssue(line: error.segment, rule: error.rule ?? "x12-malformed", message: error.description))
        } catch let error as UnsupportedInterchange {
            throw JobRejection(RowIssue(line: error.segment, rule: error.rule, message: error.message))
        }
    }

    private func apply(_ transaction: JobTransaction) throws -> JobEnding {
        var handler = try InboundHandler(
            job: job, jobID: transaction.id, profile: profile, session: transaction.session, layout: layout)
        // Parsing runs on its own thread; this one applies what it finds.
        let channel = BatchChannel<[InboundItem]>(capacity: 8)
        InboundReader(path: job.filePath, progress: transaction.progress).start(into: channel)
        var drained = false
        defer { if !drained { channel.cancelAndWait() } }
        var envelopeProblems: [X12Error] = []
        while let items = try channel.receive() {
            transaction.progress.advance(items.count)
            for item in items {
                switch item {
                case .kind(let kind): handler.kind = kind
                case .parties(let parties): try handler.check(parties)
                case .remittance(let event): try handler.apply(event)
                case .functional(let acknowledgment): try handler.apply(acknowledgment)
                case .claimAcknowledgment(let event): try handler.apply(event)
                case .interchange(let acknowledgment): try handler.apply(acknowledgment)
                case .envelope(let problems): envelopeProblems = problems
                }
            }
        }
        drained = true
        // A broken file is reported as broken, a resent one as resent: both with every balance issue found.
        let envelope = envelopeProblems.map {
            RowIssue(line: $0.segment, rule: "x12-envelope", message: $0.description)
        }
        if !envelope.isEmpty || handler.resent != nil {
            var issues = envelope + (handler.resent.map { [$0] } ?? [])
            try handler.forEachIssue { issues.append($0) }
            throw JobRejection(issues)
        }
        try handler.forEachIssue { try transaction.record($0) }
        try handler.commitReports()
        transaction.counts = handler.counts
        return JobEnding(
            state: .done, kind: handler.kindName, encoding: "x12", message: "payer file applied",
            metadata: ["payer.id": "\(profile.id)", "issues.count": "\(handler.issueCount)"])
    }
}
