import Foundation
import Logging
import Mapping
import Store
import Transport
import Values

/// One job's transaction (DESIGN §4.2): its rows, its exceptions, its exception report, its receipt and its
/// final state commit together or not at all.
///
/// Every job ends through ``run(_:target:context:_:)``, whichever handler did its work: the exception report
/// is opened before the work and published after it, the receipt is written, the counts are checked and
/// the end is logged, all once, here.
final class JobTransaction {
    /// The job.
    let job: JobRecord
    /// The job's id.
    let id: Int64
    /// The database side of the transaction: upserts and exception rows.
    let session: LoadSession
    /// Row counts for the receipt; the handler keeps them.
    var counts = LoadCounts()
    /// Records and bytes done so far, for whoever watches the job.
    let progress: WorkProgress
    /// Exceptions counted for the file's quality score.
    private var quality = QualityTally()
    private let report: ExceptionReport

    private init(
        job: JobRecord, id: Int64, session: LoadSession, progress: WorkProgress, reportPath: String
    ) throws {
        self.job = job
        self.id = id
        self.session = session
        self.progress = progress
        report = try ExceptionReport(path: reportPath)
    }

    /// Records an exception (error or warning) in the database and on the exception report.
    func record(_ issue: RowIssue) throws {
        try session.record(issue)
        try report.append(issue)
        quality.add(issue)
    }

    /// What every job needs besides its handler.
    struct Context {
        let ledger: Ledger
        let lease: JobLease
        let layout: OutboxLayout
        let logger: Logger
        let started: ContinuousClock.Instant
        let progress: WorkProgress
    }

    /// Runs a handler's work in the job's one transaction and completes the job as the handler says.
    ///
    /// - Throws: what the handler throws; the transaction is then rolled back and no report or receipt is
    ///   published.
    static func run(_ job: JobRecord, handler: some JobHandler, context: Context) throws {
        try run(job, target: handler.target, context: context, handler.handle)
    }

    /// Rejects the file as a whole, with its reasons on the exception report and the receipt.
    static func reject(_ job: JobRecord, issues: [RowIssue], context: Context) throws {
        try run(job, target: nil, context: context) { transaction in
            for issue in issues { try transaction.record(issue) }
            return JobEnding(
                state: .rejected, kind: job.kind, encoding: job.encoding ?? "utf-8", reason: issues.first?.message,
                message: "job rejected", metadata: ["rule.id": "\(issues.first?.rule ?? "")"])
        }
    }

    private static func run(
        _ job: JobRecord, target: LoadTarget?, context: Context, _ body: (JobTransaction) throws -> JobEnding
    ) throws {
        guard let jobID = job.id else { return }
        let layout = context.layout
        try context.ledger.jobs.load(
            jobID: jobID, district: job.source, target: target?.table, fields: target?.fields ?? [],
            existing: target?.existing ?? .update, modified: target?.modified, supersedes: job.supersedes,
            lease: context.lease
        ) { session in
            let transaction = try JobTransaction(
                job: job, id: jobID, session: session, progress: context.progress,
                reportPath: layout.exceptions(source: job.source, jobID: jobID, name: job.originalName))
            let ending = try body(transaction)
            let counts = transaction.counts
            guard counts.balances else {
                // Never commit a job whose rows do not add up (DESIGN §4.7): roll back and fail it.
                throw GatewayError(.inconsistent, "row counts do not add up: \(counts)")
            }
            try transaction.report.commit()
            let completion = JobCompletion(
                state: ending.state, kind: ending.kind, mappingVersion: ending.mappingVersion,
                encoding: ending.encoding, counts: counts,
                receiptPath: layout.receipt(source: job.source, jobID: jobID, name: job.originalName),
                reportPath: transaction.report.path, reason: ending.reason,
                durationMs: milliseconds(since: context.started),
                quality: transaction.quality.score(counts: counts, state: ending.state))
            try writeReceipt(job, jobID: jobID, completion: completion, ending: ending)
            if let supersedes = job.supersedes, completion.state == .done {
                try markSuperseded(supersedes, by: jobID, job: job, layout: layout)
            }
            log(ending, completion: completion, jobID: jobID, logger: context.logger)
            return completion
        }
    }

    private static func writeReceipt(
        _ job: JobRecord, jobID: Int64, completion: JobCompletion, ending: JobEnding
    ) throws {
        guard let path = completion.receiptPath else { return }
        let counts = completion.counts
        var receipt = Receipt(
            jobId: jobID, source: job.source, file: job.originalName, state: completion.state.rawValue,
            kind: completion.kind, mappingVersion: completion.mappingVersion, sha256: job.sha256, size: job.size,
            encoding: completion.encoding, rowsRead: counts.read, inserted: counts.inserted, updated: counts.updated,
            unchanged: counts.unchanged, stale: counts.stale, rejected: counts.rejected, warnings: counts.warnings,
            ignoredColumns: ending.ignoredColumns,
            exceptionReport: completion.reportPath.map { $0.split(separator: "/").last.map(String.init) ?? $0 },
            reason: completion.reason, duplicateOf: nil, durationMs: completion.durationMs,
            processedAt: Receipt.timestamp(), recognisedBy: ending.recognisedBy,
            quality: completion.quality)
        receipt.supersedes = job.supersedes
        receipt.removed = job.supersedes == nil ? nil : counts.removed
        try AtomicFileWriter.write(try receipt.json(), to: path)
    }

    /// Rewrites the superseded job's receipt (same source and file name, so the same folder) to say which
    /// replay replaced it; its counts stay as they were.
    private static func markSuperseded(_ supersedes: Int64, by jobID: Int64, job: JobRecord, layout: OutboxLayout)
        throws
    {
        let path = layout.receipt(source: job.source, jobID: supersedes, name: job.originalName)
        guard FileSystem.exists(path) else { return }
        var receipt = try Receipt.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
        receipt.supersededBy = jobID
        try AtomicFileWriter.write(try receipt.json(), to: path)
    }

    private static func log(_ ending: JobEnding, completion: JobCompletion, jobID: Int64, logger: Logger) {
        var metadata = ending.metadata
        metadata["job.id"] = "\(jobID)"
        if ending.state == .rejected {
            logger.warning(ending.message, metadata: metadata)
            return
        }
        let counts = completion.counts
        metadata["job.kind"] = "\(ending.kind ?? "")"
        metadata["rows.read"] = "\(counts.read)"
        metadata["rows.inserted"] = "\(counts.inserted)"
        metadata["rows.updated"] = "\(counts.updated)"
        metadata["rows.unchanged"] = "\(counts.unchanged)"
        metadata["rows.stale"] = "\(counts.stale)"
        metadata["rows.rejected"] = "\(counts.rejected)"
        metadata["rows.warnings"] = "\(counts.warnings)"
        metadata["duration_ms"] = "\(completion.durationMs)"
        logger.info(ending.message, metadata: metadata)
    }

    /// Milliseconds elapsed since `start`.
    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
