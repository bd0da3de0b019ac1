import Formats
import Foundation
import Logging
import Mapping
import Store
import Transport
import Values

/// Processes one staged job: checks the staged bytes, picks the job's handler (a mapped file or a payer's
/// interchange), runs it in the job's one transaction (DESIGN §4.2), then archives the file.
///
/// Data problems never retry: they become exceptions or a rejection. Transient failures (database busy,
/// disk full) retry with backoff; anything else marks the job `dead` with the reason.
struct JobRunner: Sendable {
    let environment: JobEnvironment

    private var config: GatewayConfig { environment.config }
    private var ledger: Ledger { environment.ledger }

    /// Runs the job to its next state and returns the job as it then is.
    ///
    /// - Returns: the job after this attempt; `nil` when another process holds its lease (it is left alone)
    ///   or the attempt could not start.
    @discardableResult
    func process(jobID: Int64) -> JobRecord? {
        var logger = environment.logger
        logger[metadataKey: "job.id"] = "\(jobID)"
        let job: JobRecord
        do {
            guard let leased = try ledger.jobs.beginAttempt(jobID: jobID, lease: environment.lease) else {
                logger.debug("job leased by another process")
                return nil
            }
            job = leased
        } catch let error as StoreError where error.code == .invalidTransition {
            logger.debug("job already ended in another process")
            return nil
        } catch {
            logger.error("cannot start job", metadata: ["error": "\(LogSafe.describe(error))"])
            return nil
        }
        logger[metadataKey: "source.id"] = "\(job.source)"
        logger[metadataKey: "file.sha256"] = "\(job.sha256.prefix(12))"
        environment.inFlight.track(
            title: "job \(jobID)", jobID: jobID, source: job.source, unit: "records", totalBytes: job.size
        ) { progress in
            let context = JobTransaction.Context(
                ledger: ledger, lease: environment.lease, layout: environment.layout, logger: logger,
                started: ContinuousClock.now, progress: progress)
            do {
                try ArchivePlaintext.with(
                    job, archive: config.paths.archive, staging: config.paths.staging, keys: environment.archiveKeys
                ) { job in
                    do {
                        try JobTransaction.run(job, handler: try handler(for: job), context: context)
                    } catch let rejection as JobRejection {
                        try JobTransaction.reject(job, issues: rejection.issues, context: context)
                    }
                }
                archive(job, logger: logger)
            } catch {
                fail(job, error: error, logger: logger)
            }
        }
        return try? ledger.jobs.job(id: jobID)
    }

    /// The handler that fits the staged file.
    ///
    /// - Throws: ``JobRejection`` when the file as a whole is unusable (empty, binary, of no known kind).
    private func handler(for job: JobRecord) throws -> any JobHandler {
        guard FileSystem.exists(job.filePath) else {
            throw GatewayError(.stagedFileMissing, "the staged copy \(job.filePath) is missing")
        }
        if job.size == 0 {
            throw JobRejection(RowIssue(line: 0, rule: RuleID.fileEmpty, message: "the file is empty (0 bytes)"))
        }
        if job.encoding == "binary" {
            throw JobRejection(
                RowIssue(
                    line: 0, rule: RuleID.fileBinary,
                    message: "the file contains NUL bytes: it is binary data, not CSV text"))
        }
        if InterchangeHandler.looksLikeX12(job.filePath) {
            return try InterchangeHandler(job: job, environment: environment)
        }
        let encoding = TextEncoding(rawValue: job.encoding ?? "") ?? .utf8
        let recognition = try environment.mappings.recognise(
            filename: job.originalName, isXML: XMLRecordStream.looksLikeXML(job.filePath),
            allowedKinds: job.kind.map { [$0] } ?? config.source(job.source)?.kinds, kindForced: job.kindForced
        ) { delimiter in
            try RecordStream(
                path: job.filePath, encoding: encoding, delimiter: delimiter, maxRecordBytes: config.maxRecordBytes
            ).header()
        }
        switch recognition {
        case .rejected(let issues): throw JobRejection(issues)
        case .matched(let mapping, let binding):
            return try TabularHandler(
                job: job, mapping: mapping, binding: binding, encoding: encoding, environment: environment)
        case .matchedByHeaders(let mapping, let binding):
            return try TabularHandler(
                job: job, mapping: mapping, binding: binding, encoding: encoding, environment: environment,
                recognisedByHeaders: true)
        }
    }

    private func fail(_ job: JobRecord, error: any Error, logger: Logger) {
        let transient = Ledger.isTransient(error) || (error as? FileSystemError)?.isTransient == true
        let delay = transient ? config.retry.delay(afterAttempt: job.attempts) : nil
        let next = delay.map { Date().addingTimeInterval($0) }
        if (error as? StoreError)?.code == .leased {
            logger.warning("job taken over by another process; this attempt is void")
            return
        }
        do {
            try ledger.jobs.recordFailure(
                jobID: job.id ?? 0, error: "\(error)", nextAttemptAt: next, lease: environment.lease)
        } catch {
            logger.error("cannot record job failure", metadata: ["error": "\(LogSafe.describe(error))"])
        }
        if let delay {
            logger.warning(
                "job failed, will retry", metadata: ["job.attempt": "\(job.attempts)", "retry.in_s": "\(Int(delay))"])
        } else {
            logger.error("job dead", metadata: ["job.attempt": "\(job.attempts)", "transient": "\(transient)"])
        }
    }

    /// Moves a finished job's file from staging to `Archive/<source>/<yyyy>/<mm>/<dd>/`, which may be on another
    /// file system, encrypted when `archive.encrypt` is on (``ArchiveFile/store(_:at:keys:)``).
    ///
    /// The file first gets its archive name (encrypted, a hard link, or a synced copy across file systems), then the ledger
    /// learns it, then the staged name goes: at every moment the ledger names a path where the file is. A crash
    /// in between leaves the staged copy, which ``Intake`` finds: it archives again, or drops the copy when the
    /// ledger already names the archived one. A failure (archive full or read-only) is retried next pass.
    func archive(_ job: JobRecord, logger: Logger) {
        guard let id = job.id, job.filePath.hasPrefix(config.paths.staging + "/") else { return }
        let target = environment.layout.archive(
            source: job.source, jobID: id, name: job.originalName, day: environment.today())
        do {
            try ArchiveFile.store(job.filePath, at: target, keys: environment.archiveKeys)
            try ledger.jobs.recordArchived(jobID: id, from: job.filePath, to: target)
            try FileSystem.remove(job.filePath)
            try FileSystem.syncDirectory(FileSystem.directory(of: job.filePath))
        } catch {
            logger.warning("archiving failed; will retry next pass", metadata: ["error": "\(LogSafe.describe(error))"])
        }
    }
}
