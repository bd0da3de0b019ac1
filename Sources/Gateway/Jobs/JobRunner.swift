import Claims
import Formats
import Foundation
import Logging
import Mapping
import Store
import Transport
import Values
import XMLRecords

/// Processes one staged job: recognise its kind, validate every record, load the good rows, report the
/// rest — all in one transaction (DESIGN §4.2) — then archive the file.
///
/// Data problems never retry: they become exceptions or a rejection. Transient failures (database busy,
/// disk full) retry with backoff; anything else marks the job `dead` with the reason.
public struct JobRunner: Sendable {
    let config: GatewayConfig
    let ledger: Ledger
    let mappings: MappingSet
    let tables: [String: DomainTable]
    let layout: OutboxLayout
    let logger: Logger
    let today: @Sendable () -> Day
    let payers: [PayerProfile]

    /// Runs the job to its next state and returns the job as it then is.
    @discardableResult
    public func process(jobID: Int64) -> JobRecord? {
        var logger = logger
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
        let started = ContinuousClock.now
        do {
            try execute(job, started: started)
            archive(job, logger: logger)
        } catch {
            fail(job, error: error, logger: logger)
        }
        return try? ledger.job(id: jobID)
    }

    private func execute(_ job: JobRecord, started: ContinuousClock.Instant) throws {
        guard FileSystem.exists(job.filePath) else {
            throw GatewayError(.stagedFileMissing, "the staged copy \(job.filePath) is missing")
        }
        if job.size == 0 {
            return try reject(
                job, started: started, RowIssue(line: 0, rule: RuleID.fileEmpty, message: "the file is empty (0 bytes)")
            )
        }
        if job.encoding == "binary" {
            return try reject(
                job, started: started,
                RowIssue(
                    line: 0, rule: RuleID.fileBinary,
                    message: "the file contains NUL bytes: it is binary data, not CSV text"))
        }
        if InboundX12.looksLikeX12(job.filePath) {
            return try InboundX12(runner: self).process(job, started: started)
        }
        let encoding = TextEncoding(rawValue: job.encoding ?? "") ?? .utf8
        let recognition = try recognise(job, encoding: encoding)
        switch recognition {
        case .rejected(let issues):
            try reject(job, started: started, issues)
        case .matched(let mapping, let binding):
            do {
                try load(job, mapping: mapping, binding: binding, encoding: encoding, started: started)
            } catch let error as XMLRecordError {
                // The transaction rolled back: a document broken part-way loads nothing.
                try reject(
                    job, started: started,
                    RowIssue(
                        line: error.line, rule: RuleID.malformedXML,
                        message:
                            "the XML document is malformed at line \(error.line), column \(error.column): \(error.message); nothing was loaded"
                    ))
            }
        }
    }

    enum Recognition {
        case matched(CompiledMapping, HeaderBinding)
        case rejected([RowIssue])
    }

    /// Finds the file's mapping from its name and header row (read with each candidate delimiter).
    func recognise(_ job: JobRecord, encoding: TextEncoding) throws -> Recognition {
        let allowed = job.kind.map { [$0] } ?? config.source(job.source)?.kinds
        let isXML = XMLRecordStream.looksLikeXML(job.filePath)
        let candidates = mappings.mappings.filter { mapping in
            (allowed?.contains(mapping.kind) ?? true) && (mapping.xmlLayout != nil) == isXML
        }
        guard !candidates.isEmpty else {
            let names = allowed?.joined(separator: ", ") ?? ""
            return .rejected([
                RowIssue(line: 0, rule: RuleID.noMappingMatch, message: "no mapping defines kind \(names)")
            ])
        }
        if isXML { return recogniseXML(job, candidates: candidates) }
        var attempts: [String] = []
        var matched: [(CompiledMapping, HeaderBinding)] = []
        var hints: [String] = []
        for delimiter in Set(candidates.compactMap(\.delimiter)).sorted() {
            let stream = RecordStream(
                path: job.filePath, encoding: encoding, delimiter: delimiter, maxRecordBytes: config.maxRecordBytes)
            guard let header = try stream.header() else {
                return .rejected([
                    RowIssue(line: 0, rule: RuleID.fileEmpty, message: "the file has no records, only blank lines")
                ])
            }
            if let problem = header.problem {
                return .rejected([
                    RowIssue(
                        line: header.line, rule: RuleID.badHeader, message: "the header row is malformed: \(problem)")
                ])
            }
            if header.names.count == 1, let likely = Self.likelyDelimiter(header.names[0]), likely != delimiter {
                hints.append(
                    "the header has a single column and looks '\(Self.show(likely))'-delimited, but the mappings expect '\(Self.show(delimiter))'"
                )
            }
            let kinds = candidates.filter { $0.delimiter == delimiter }.map(\.kind)
            switch mappings.detect(
                filename: job.originalName, header: header.names, kinds: kinds, ignoreFilename: job.kindForced)
            {
            case .matched(let mapping, let binding): matched.append((mapping, binding))
            case .noMatch(let tried): attempts += tried
            case .ambiguous(let kinds):
                return .rejected([
                    RowIssue(
                        line: 1, rule: RuleID.ambiguousMapping,
                        message: "several mappings fit this file equally: \(kinds.joined(separator: ", "))")
                ])
            }
        }
        if matched.count == 1 { return .matched(matched[0].0, matched[0].1) }
        if matched.count > 1 {
            return .rejected([
                RowIssue(
                    line: 1, rule: RuleID.ambiguousMapping,
                    message: "several mappings fit this file: \(matched.map(\.0.kind).joined(separator: ", "))")
            ])
        }
        var issues = [
            RowIssue(
                line: 1, rule: RuleID.noMappingMatch,
                message: "no mapping recognises this file; tried \(attempts.count)")
        ]
        issues += hints.map { RowIssue(line: 1, rule: RuleID.noMappingMatch, message: $0) }
        issues += attempts.map { attempt in
            let rule = attempt.contains(" appears ") ? RuleID.duplicateHeader : RuleID.noMappingMatch
            return RowIssue(line: 1, rule: rule, message: attempt)
        }
        return .rejected(issues)
    }

    /// XML kinds are told apart by file name (there is no header row); a forced kind needs none.
    private func recogniseXML(_ job: JobRecord, candidates: [CompiledMapping]) -> Recognition {
        let fitting = candidates.filter { job.kindForced || $0.matchesFilename(job.originalName) }
        if fitting.count == 1 { return .matched(fitting[0], fitting[0].xmlBinding()) }
        if fitting.isEmpty {
            let tried = candidates.map { mapping in
                "\(mapping.kind): file name does not match \(mapping.definition.match.filenames.map(\.description).joined(separator: " or "))"
            }
            let issues = [
                RowIssue(
                    line: 0, rule: RuleID.noMappingMatch,
                    message: "no XML mapping recognises this file; tried \(tried.count)")
            ]
            return .rejected(issues + tried.map { RowIssue(line: 0, rule: RuleID.noMappingMatch, message: $0) })
        }
        return .rejected([
            RowIssue(
                line: 0, rule: RuleID.ambiguousMapping,
                message: "several XML mappings fit this file name: \(fitting.map(\.kind).joined(separator: ", "))")
        ])
    }

    private static func likelyDelimiter(_ header: String) -> UInt8? {
        var bytes = Array(header.utf8)
        return bytes.withUnsafeMutableBufferPointer {
            DelimiterSniffer.likelyDelimiter(headerLine: UnsafeBufferPointer($0))
        }
    }

    private static func show(_ delimiter: UInt8) -> String {
        delimiter == 9 ? "\\t" : String(UnicodeScalar(delimiter))
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
        let target = layout.archive(source: job.source, jobID: id, name: job.originalName, day: today())
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
