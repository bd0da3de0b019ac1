import Claims
import Formats
import Logging
import Mapping
import Store
import Transport
import Values
import XMLRecords

/// Loads a CSV or XML file by its mapping: every record validated, the good rows upserted, the rest reported.
///
/// Reading and validating run on their own thread; the job's transaction thread only writes.
struct TabularHandler: JobHandler {
    let job: JobRecord
    let mapping: CompiledMapping
    let binding: HeaderBinding
    let encoding: TextEncoding
    let recognisedByHeaders: Bool
    let target: LoadTarget?
    let validator: RecordValidator
    let storedIndices: [Int]
    let source: RowSource
    let layout: OutboxLayout
    let logger: Logger

    /// Prepares a mapped file's load: reads the lookup values its rules check against (before the
    /// transaction opens) and opens its record stream.
    ///
    /// - Parameter recognisedByHeaders: the file name fits no mapping; its headers singled this one out (said on
    ///   the receipt and as a warning).
    init(
        job: JobRecord, mapping: CompiledMapping, binding: HeaderBinding, encoding: TextEncoding,
        environment: JobEnvironment, recognisedByHeaders: Bool = false
    ) throws {
        let definition = mapping.definition
        guard let table = environment.tables[definition.target] else {
            throw GatewayError(
                .invalidConfiguration, "mapping \(definition.kind) targets unknown table \(definition.target)")
        }
        var known: [String: Set<String>] = [:]
        for lookup in definition.lookups {
            known["\(lookup.table).\(lookup.column)"] = try environment.ledger.domain.knownValues(
                table: lookup.table, column: lookup.column, district: job.source)
        }
        let roster = try definition.qualification.map { rule in
            try Self.roster(rule, district: job.source, environment: environment)
        }
        self.job = job
        self.mapping = mapping
        self.binding = binding
        self.encoding = encoding
        self.recognisedByHeaders = recognisedByHeaders
        validator = RecordValidator(
            mapping: mapping, binding: binding, district: job.source, today: environment.today(),
            lookupValues: known, currentSchoolYear: environment.config.currentSchoolYear, roster: roster)
        storedIndices = definition.fields.indices.filter { definition.fields[$0].store }
        target = LoadTarget(
            table: table, fields: storedIndices.map { definition.fields[$0].name }, existing: definition.existing,
            modified: definition.modified)
        if let layout = mapping.xmlLayout {
            source = .xml(
                XMLRecordStream(
                    path: job.filePath,
                    layout: try XMLRecordLayout(recordPath: layout.recordPath, fieldPaths: layout.fieldPaths)))
        } else {
            source = .csv(
                RecordStream(
                    path: job.filePath, encoding: encoding, delimiter: mapping.delimiter ?? UInt8(ascii: ","),
                    maxRecordBytes: environment.config.maxRecordBytes))
        }
        layout = environment.layout
        logger = environment.logger
    }

    /// The district's practitioner roster for the `qualification` rule, with the types each billing code's
    /// payers qualify (the union over the payer profiles billing the district; a code any of them bills without
    /// `qualified` is not restricted).
    private static func roster(_ rule: QualificationRule, district: String, environment: JobEnvironment) throws
        -> PractitionerRoster
    {
        var qualified: [String: Set<String>] = [:]
        var unrestricted: Set<String> = []
        for profile in environment.payers where profile.districts.contains(district) {
            for (code, entry) in profile.feeSchedule {
                if entry.qualified.isEmpty {
                    unrestricted.insert(code.uppercased())
                } else {
                    qualified[code.uppercased(), default: []].formUnion(entry.qualified)
                }
            }
        }
        return PractitionerRoster(
            periods: try environment.ledger.domain.practitionerPeriods(table: rule.roster, district: district),
            qualified: qualified.filter { !unrestricted.contains($0.key) })
    }

    func handle(_ transaction: JobTransaction) throws -> JobEnding {
        do {
            return try load(transaction)
        } catch let error as XMLRecordError {
            // The transaction rolls back: a document broken part-way loads nothing.
            throw JobRejection(
                RowIssue(
                    line: error.line, rule: RuleID.malformedXML,
                    message:
                        "the XML document is malformed at line \(error.line), column \(error.column): \(error.message); nothing was loaded"
                ))
        }
    }

    private func load(_ transaction: JobTransaction) throws -> JobEnding {
        let definition = mapping.definition
        func note(_ issue: RowIssue) throws {
            try transaction.record(issue)
            if issue.severity == .warning { transaction.counts.warnings += 1 }
        }
        if encoding == .windows1252, mapping.xmlLayout == nil {
            try note(
                RowIssue(
                    line: 0, rule: RuleID.encodingFallback, severity: .warning,
                    message: "the file is not valid UTF-8 and was read as Windows-1252"))
        }
        if recognisedByHeaders {
            let names = definition.match.filenames.map(\.description).joined(separator: " or ")
            try note(
                RowIssue(
                    line: 1, rule: RuleID.recognisedByHeaders, severity: .warning,
                    message:
                        "the file name matches no mapping that fits it (\(definition.kind) expects \(names)); recognised as \(definition.kind) by its headers"
                ))
        }
        let session = transaction.session
        let keyPositions = definition.key.compactMap { name in
            storedIndices.firstIndex { definition.fields[$0].name == name }
        }
        func keyIssue(_ values: ArraySlice<FieldValue>, line: Int, rule: String, _ message: String) -> RowIssue {
            let key = keyPositions.map { values[values.startIndex + $0].text }.joined(separator: ", ")
            return RowIssue(line: line, rule: rule, message: message, value: key)
        }
        let keyNames = definition.key.joined(separator: ", ")
        let channel = BatchChannel<RowBatch>(capacity: 4)
        RowReader(source: source, validator: validator, storedIndices: storedIndices, progress: transaction.progress)
            .start(into: channel)
        var drained = false
        defer { if !drained { channel.cancelAndWait() } }
        let width = storedIndices.count
        while let batch = try channel.receive() {
            defer { transaction.progress.advance(batch.rows.count) }
            // The batch's rows load first, then its notes follow in file order.
            let outcomes = try session.upsert(rows: batch.values[...])
            var offset = 0
            var accepted = 0
            for row in batch.rows {
                transaction.counts.read += 1
                for index in row.issues { try note(batch.issues[index]) }
                guard row.accepted else {
                    transaction.counts.rejected += 1
                    continue
                }
                let values = batch.values[offset..<offset + width]
                offset += width
                defer { accepted += 1 }
                switch outcomes[accepted] {
                case .inserted: transaction.counts.inserted += 1
                case .updated: transaction.counts.updated += 1
                case .unchanged: transaction.counts.unchanged += 1
                case .stale: transaction.counts.stale += 1
                case .duplicateKey:
                    try note(
                        keyIssue(
                            values, line: row.line, rule: RuleID.duplicateKey,
                            "the key (\(keyNames)) repeats a row earlier in this file; only the first is loaded"))
                    transaction.counts.rejected += 1
                case .alreadyLoaded(let earlier):
                    try note(
                        keyIssue(
                            values, line: row.line, rule: RuleID.alreadyLoaded,
                            "the key (\(keyNames)) was already loaded from an earlier file (job \(earlier))"))
                    transaction.counts.rejected += 1
                }
            }
        }
        drained = true
        let tableKey = (target?.table.key ?? []).filter { $0 != "district" }.joined(separator: ", ")
        for leftover in try session.removeSupersededRows() {
            let key = leftover.key.joined(separator: ", ")
            try note(
                RowIssue(
                    line: 0, rule: leftover.billed ? RuleID.replayKeptBilled : RuleID.replayRemoved, severity: .warning,
                    message: leftover.billed
                        ? "the key (\(tableKey)) loaded by job \(session.supersedes ?? 0) is not loaded by this replay, but a claim bills it: kept"
                        : "the key (\(tableKey)) loaded by job \(session.supersedes ?? 0) is not loaded by this replay: removed",
                    value: key))
            transaction.counts.removed += 1
        }
        if let sequence = definition.sequence {
            try session.renumber(sequence)
            if let growth = definition.growth { try session.computeGrowth(growth, sequence: sequence) }
        }
        for step in definition.afterLoad {
            switch step {
            case .reconcileMembers: try reconcileMembers(session)
            }
        }
        if transaction.counts.read == 0 {
            try note(
                RowIssue(
                    line: 0, rule: RuleID.noDataRows, severity: .warning,
                    message: "the file has a header but no data rows"))
        }
        return JobEnding(
            state: .done, kind: definition.kind, mappingVersion: definition.version, encoding: encoding.rawValue,
            ignoredColumns: binding.ignoredColumns,
            recognisedBy: recognisedByHeaders ? "headers" : "file name and headers",
            message: "job done")
    }

    private func reconcileMembers(_ session: LoadSession) throws {
        guard let jobID = job.id else { return }
        let summary = try MemberReconciliation.run(
            session: session,
            summaryPath: layout.report(
                source: job.source, jobID: jobID, name: job.originalName, suffix: "members.json"),
            detailPath: layout.report(source: job.source, jobID: jobID, name: job.originalName, suffix: "members.csv"))
        logger.info(
            "members reconciled",
            metadata: [
                "job.id": "\(jobID)", "members.total": "\(summary.members)", "members.matched": "\(summary.matched)",
                "members.ambiguous": "\(summary.ambiguous)", "members.unmatched": "\(summary.unmatched)",
            ])
    }
}
