import Formats
import Logging
import Mapping
import Store
import Transport
import XMLRecords

extension JobRunner {
    /// Validates every record and loads the good ones, with the reports, in the job's one transaction.
    func load(
        _ job: JobRecord, mapping: CompiledMapping, binding: HeaderBinding, encoding: TextEncoding,
        started: ContinuousClock.Instant
    ) throws {
        let definition = mapping.definition
        guard let jobID = job.id, let table = tables[definition.target] else {
            throw GatewayError(
                .invalidConfiguration, "mapping \(definition.kind) targets unknown table \(definition.target)")
        }
        var known: [String: Set<String>] = [:]
        for lookup in definition.lookups {
            known["\(lookup.table).\(lookup.column)"] = try ledger.knownValues(
                table: lookup.table, column: lookup.column, district: job.source)
        }
        let validator = RecordValidator(
            mapping: mapping, binding: binding, district: job.source, today: today(), lookupValues: known,
            currentSchoolYear: config.currentSchoolYear)
        let storedIndices = definition.fields.indices.filter { definition.fields[$0].store }
        let keyPositions = definition.key.compactMap { name in
            storedIndices.firstIndex { definition.fields[$0].name == name }
        }
        let source: RowSource
        if let layout = mapping.xmlLayout {
            source = .xml(
                XMLRecordStream(
                    path: job.filePath,
                    layout: try XMLRecordLayout(recordPath: layout.recordPath, fieldPaths: layout.fieldPaths)))
        } else {
            source = .csv(
                RecordStream(
                    path: job.filePath, encoding: encoding, delimiter: mapping.delimiter ?? UInt8(ascii: ","),
                    maxRecordBytes: config.maxRecordBytes))
        }
        try ledger.load(
            jobID: jobID, district: job.source, target: table, fields: storedIndices.map { definition.fields[$0].name },
            existing: definition.existing
        ) { session in
            let report = try ExceptionReport(
                path: layout.exceptions(source: job.source, jobID: jobID, name: job.originalName))
            var counts = LoadCounts()
            func note(_ issue: RowIssue) throws {
                try session.record(issue)
                try report.append(issue)
                if issue.severity == .warning { counts.warnings += 1 }
            }
            if encoding == .windows1252, mapping.xmlLayout == nil {
                try note(
                    RowIssue(
                        line: 0, rule: RuleID.encodingFallback, severity: .warning,
                        message: "the file is not valid UTF-8 and was read as Windows-1252"))
            }
            // Reading and validating run on their own thread; this one only writes.
            let channel = BatchChannel<RowBatch>(capacity: 4)
            RowReader(source: source, validator: validator, storedIndices: storedIndices).start(into: channel)
            var drained = false
            defer { if !drained { channel.cancelAndWait() } }
            let width = storedIndices.count
            while let batch = try channel.receive() {
                var offset = 0
                for row in batch.rows {
                    counts.read += 1
                    for index in row.issues { try note(batch.issues[index]) }
                    guard row.accepted else {
                        counts.rejected += 1
                        continue
                    }
                    let values = batch.values[offset..<offset + width]
                    offset += width
                    switch try session.upsert(values) {
                    case .inserted: counts.inserted += 1
                    case .updated: counts.updated += 1
                    case .unchanged: counts.unchanged += 1
                    case .duplicateKey:
                        let names = definition.key.joined(separator: ", ")
                        let key = keyPositions.map { values[values.startIndex + $0].text }.joined(separator: ", ")
                        try note(
                            RowIssue(
                                line: row.line, rule: RuleID.duplicateKey,
                                message:
                                    "the key (\(names)) repeats a row earlier in this file; only the first is loaded",
                                value: key))
                        counts.rejected += 1
                    case .alreadyLoaded(let earlier):
                        let names = definition.key.joined(separator: ", ")
                        let key = keyPositions.map { values[values.startIndex + $0].text }.joined(separator: ", ")
                        try note(
                            RowIssue(
                                line: row.line, rule: RuleID.alreadyLoaded,
                                message: "the key (\(names)) was already loaded from an earlier file (job \(earlier))",
                                value: key))
                        counts.rejected += 1
                    }
                }
            }
            drained = true
            if let sequence = definition.sequence { try session.renumber(sequence) }
            for step in definition.afterLoad {
                switch step {
                case .reconcileMembers:
                    let summary = try MemberReconciliation.run(
                        session: session,
                        summaryPath: layout.report(
                            source: job.source, jobID: jobID, name: job.originalName, suffix: "members.json"),
                        detailPath: layout.report(
                            source: job.source, jobID: jobID, name: job.originalName, suffix: "members.csv"))
                    logger.info(
                        "members reconciled",
                        metadata: [
                            "job.id": "\(jobID)", "members.total": "\(summary.members)",
                            "members.matched": "\(summary.matched)",
                            "members.ambiguous": "\(summary.ambiguous)", "members.unmatched": "\(summary.unmatched)",
                        ])
                }
            }
            if counts.read == 0 {
                try note(
                    RowIssue(
                        line: 0, rule: RuleID.noDataRows, severity: .warning,
                        message: "the file has a header but no data rows"))
            }
            guard counts.balances else {
                // Never commit a job whose rows do not add up (DESIGN §4.7): roll back and mark it dead.
                throw GatewayError(.inconsistent, "row counts do not add up: \(counts)")
            }
            try report.commit()
            let completion = JobCompletion(
                state: .done, kind: definition.kind, mappingVersion: definition.version, encoding: encoding.rawValue,
                counts: counts, receiptPath: layout.receipt(source: job.source, jobID: jobID, name: job.originalName),
                reportPath: report.path, reason: nil, durationMs: Self.milliseconds(since: started))
            try writeReceipt(job, completion: completion, ignoredColumns: binding.ignoredColumns)
            logger.info(
                "job done",
                metadata: [
                    "job.id": "\(jobID)", "mapping.kind": "\(definition.kind)", "rows.read": "\(counts.read)",
                    "rows.inserted": "\(counts.inserted)", "rows.updated": "\(counts.updated)",
                    "rows.unchanged": "\(counts.unchanged)", "rows.rejected": "\(counts.rejected)",
                    "rows.warnings": "\(counts.warnings)", "duration_ms": "\(completion.durationMs)",
                ])
            return completion
        }
    }

    /// Rejects the file as a whole, with its reasons in the exception report and on the receipt.
    func reject(_ job: JobRecord, started: ContinuousClock.Instant, _ issues: RowIssue...) throws {
        try reject(job, started: started, issues)
    }

    /// Rejects the file as a whole, with its reasons in the exception report and on the receipt.
    func reject(_ job: JobRecord, started: ContinuousClock.Instant, _ issues: [RowIssue]) throws {
        guard let jobID = job.id else { return }
        try ledger.load(jobID: jobID, district: job.source, target: nil, fields: []) { session in
            let report = try ExceptionReport(
                path: layout.exceptions(source: job.source, jobID: jobID, name: job.originalName))
            for issue in issues {
                try session.record(issue)
                try report.append(issue)
            }
            try report.commit()
            let completion = JobCompletion(
                state: .rejected, kind: job.kind, mappingVersion: nil, encoding: job.encoding ?? "utf-8",
                counts: LoadCounts(),
                receiptPath: layout.receipt(source: job.source, jobID: jobID, name: job.originalName),
                reportPath: report.path, reason: issues.first?.message, durationMs: Self.milliseconds(since: started))
            try writeReceipt(job, completion: completion, ignoredColumns: [])
            logger.warning(
                "job rejected",
                metadata: ["job.id": "\(jobID)", "rule.id": "\(issues.first?.rule ?? "")"])
            return completion
        }
    }

    func writeReceipt(_ job: JobRecord, completion: JobCompletion, ignoredColumns: [String]) throws {
        guard let jobID = job.id, let path = completion.receiptPath else { return }
        let receipt = Receipt(
            jobId: jobID, source: job.source, file: job.originalName, state: completion.state.rawValue,
            kind: completion.kind, mappingVersion: completion.mappingVersion, sha256: job.sha256, size: job.size,
            encoding: completion.encoding, rowsRead: completion.counts.read, inserted: completion.counts.inserted,
            updated: completion.counts.updated, unchanged: completion.counts.unchanged,
            rejected: completion.counts.rejected, warnings: completion.counts.warnings, ignoredColumns: ignoredColumns,
            exceptionReport: completion.reportPath.map { $0.split(separator: "/").last.map(String.init) ?? $0 },
            reason: completion.reason, duplicateOf: nil, durationMs: completion.durationMs,
            processedAt: Receipt.timestamp())
        try AtomicFileWriter.write(try receipt.json(), to: path)
    }

    static func issue(for problem: CSVRecordProblem, line: Int) -> RowIssue {
        switch problem {
        case .unterminatedQuote:
            return RowIssue(
                line: line, rule: RuleID.unterminatedQuote,
                message: "a quoted field starting on this row is never closed before the end of the file")
        case .textAfterClosingQuote(let field):
            return RowIssue(
                line: line, rule: RuleID.textAfterQuote, message: "field \(field + 1) has text after its closing quote")
        case .tooLong(let bytes):
            return RowIssue(
                line: line, rule: RuleID.recordTooLong,
                message: "the record is \(bytes) bytes long, over the limit; it was skipped")
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
