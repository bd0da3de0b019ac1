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
    @discardableResult
    func process(jobID: Int64) -> JobRecord? {
        var logger = environment.logger
        logger[metadataKey: "job.id"] = "\(jobID)"
        let job: JobRecord
        do {
            job = try ledger.beginAttempt(jobID: jobID)
        } catch {
            logger.error("cannot start job", metadata: ["error": "\(LogSafe.describe(error))"])
            return try? ledger.job(id: jobID)
        }
        logger[metadataKey: "source.id"] = "\(job.source)"
        logger[metadataKey: "file.sha256"] = "\(job.sha256.prefix(12))"
        let context = JobTransaction.Context(
            ledger: ledger, layout: environment.layout, logger: logger, started: ContinuousClock.now)
        do {
            do {
                try JobTransaction.run(job, handler: try handler(for: job), context: context)
            } catch let rejection as JobRejection {
                try JobTransaction.reject(job, issues: rejection.issues, context: context)
            }
            archive(job, logger: logger)
        } catch {
            fail(job, error: error, logger: logger)
        }
        return try? ledger.job(id: jobID)
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
        do {
            try ledger.recordFailure(jobID: job.id ?? 0, error: "\(error)", nextAttemptAt: next)
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

    /// Moves a finished job's file from staging to `Archive/<source>/<yyyy>/<mm>/<dd>/`.
    ///
    /// The ledger learns the new path first; a crash before the rename leaves the file in staging, where
    /// ``Intake`` finds it and completes the move.
    func archive(_ job: JobRecord, logger: Logger) {
        guard let id = job.id, job.filePath.hasPrefix(config.paths.staging + "/") else { return }
        let target = environment.layout.archive(
            source: job.source, jobID: id, name: job.originalName, day: environment.today())
        do {
            try ledger.moveFile(jobID: id, to: target)
            try Self.move(job.filePath, to: target)
        } catch {
            logger.warning("archiving failed; will retry next pass", metadata: ["error": "\(LogSafe.describe(error))"])
        }
    }

    /// Renames a file into a folder created as needed, durably.
    static func move(_ path: String, to target: String) throws(FileSystemError) {
        try FileSystem.makeDirectories(FileSystem.directory(of: target))
        try FileSystem.rename(path, to: target)
        try FileSystem.syncDirectory(FileSystem.directory(of: target))
    }
}
