import Foundation
import Logging
import Mapping
import Store
import Transport

/// Takes complete files from the local drop folders into staging and the ledger (DESIGN §2, §4.1–4.4).
///
/// Order matters for "exactly once": bytes are staged (fsynced) and the job row committed before the
/// inbox file is removed; a crash in between is recognised on the next pass (same origin, not yet
/// cleared) and finished without creating a duplicate.
final class Intake {
    private let config: GatewayConfig
    private let ledger: Ledger
    /// Copies files into staging; SFTP downloads share it.
    let stager: Stager
    private let layout: OutboxLayout
    private let mappings: MappingSet
    private let logger: Logger
    private var trackers: [String: StabilityTracker] = [:]

    init(config: GatewayConfig, ledger: Ledger, layout: OutboxLayout, mappings: MappingSet, logger: Logger) {
        self.config = config
        self.mappings = mappings
        self.ledger = ledger
        self.layout = layout
        self.logger = logger
        stager = Stager(root: config.paths.staging)
    }

    /// Takes every complete file of `source`; returns how many files are still settling.
    func collect(_ source: SourceConfig) throws -> Int {
        try FileSystem.makeDirectories(source.path)
        try finishInterruptedClears(source)
        let entries = try FileSystem.list(source.path)
        var tracker =
            trackers[source.id]
            ?? StabilityTracker(stableAfter: source.stableAfter, trustModificationTime: true)
        let (ready, settling) = tracker.observe(entries, now: Date().timeIntervalSince1970)
        let ordered = ready.sorted {
            (mappings.intakeRank(filename: $0.name), $0.name)
                < (mappings.intakeRank(filename: $1.name), $1.name)
        }
        for entry in ordered {
            tracker.forget(entry.name)
            do {
                try take(source: source.id, path: source.path + "/" + entry.name, name: entry.name)
            } catch {
                // One unreadable file must not hold up the others; it is tried again next pass.
                logger.error(
                    "cannot take a file; will retry",
                    metadata: ["source.id": "\(source.id)", "error": "\(LogSafe.describe(error))"])
            }
        }
        trackers[source.id] = tracker
        return settling
    }

    /// Stages and registers one file; removes the origin unless `keepOrigin`.
    @discardableResult
    func take(source: String, path: String, name: String, kind: String? = nil, keepOrigin: Bool = false) throws
        -> JobRecord
    {
        let staged = try stager.stage(path, source: source)
        let job = try register(
            staged, source: source, name: name, origin: keepOrigin ? "ingest:" + path : path, kind: kind,
            originCleared: keepOrigin)
        if !keepOrigin, let id = job.id {
            try FileSystem.remove(path)
            try FileSystem.syncDirectory(FileSystem.directory(of: path))
            try ledger.markOriginCleared(jobID: id)
        }
        return job
    }

    /// Records a staged file as a job, or as a duplicate (with its receipt) of the job that has its bytes.
    ///
    /// Shared by local drops, `ingest` and SFTP sources, so every way in treats identity the same.
    func register(
        _ staged: StagedFile, source: String, name: String, origin: String, kind: String? = nil,
        originCleared: Bool = false
    ) throws -> JobRecord {
        var job = JobRecord(
            source: source, originalName: name, origin: origin, sha256: staged.sha256, size: staged.size,
            filePath: staged.path, kind: kind, encoding: staged.encoding)
        job.originCleared = originCleared
        switch try ledger.register(job) {
        case .created(let created):
            logger.info(
                "file staged",
                metadata: [
                    "job.id": "\(created.id ?? 0)", "source.id": "\(source)",
                    "file.sha256": "\(staged.sha256.prefix(12))", "file.size": "\(staged.size)",
                ])
            return created
        case .alreadyRegistered(let existing):
            return existing
        case .duplicate(let duplicate, let original):
            job = duplicate
            job.receiptPath = try writeDuplicateReceipt(duplicate, original: original)
            if staged.path != original.filePath { try FileSystem.remove(staged.path) }
            logger.notice(
                "duplicate file",
                metadata: [
                    "job.id": "\(duplicate.id ?? 0)", "job.duplicate_of": "\(original.id ?? 0)",
                    "file.sha256": "\(staged.sha256.prefix(12))",
                ])
            return job
        }
    }

    /// Removes inbox files whose job was registered before a crash prevented their removal, and writes the
    /// receipt of a duplicate the crash left without one.
    private func finishInterruptedClears(_ source: SourceConfig) throws {
        for job in try ledger.uncleared(source: source.id) {
            guard let id = job.id, !job.origin.hasPrefix("ingest:") else { continue }
            if job.state == .duplicate, job.receiptPath == nil, let originalID = job.duplicateOf,
                let original = try ledger.job(id: originalID)
            {
                _ = try writeDuplicateReceipt(job, original: original)
            }
            if FileSystem.exists(job.origin) { try FileSystem.remove(job.origin) }
            try ledger.markOriginCleared(jobID: id)
        }
    }

    /// Completes archive moves a crash interrupted, and drops staged copies no job owns and partial copies
    /// of processes that died.
    ///
    /// - Parameter archive: archives a finished job whose file is still in staging.
    func sweepStaging(_ source: String, archive: (JobRecord) -> Void) throws {
        let folder = config.paths.staging + "/" + source
        guard FileSystem.exists(folder) else { return }
        for entry in try FileSystem.list(folder) {
            let path = folder + "/" + entry.name
            if entry.name.hasPrefix(Stager.temporaryPrefix) {
                let pid = Int32(entry.name.dropFirst(Stager.temporaryPrefix.count).dropLast(4)) ?? 0
                if !FileSystem.isProcessAlive(pid) { try FileSystem.remove(path) }
                continue
            }
            let owner = try ledger.owner(source: source, sha256: entry.name)
            if let job = owner, job.state.isTerminal {
                if job.filePath == path { archive(job) } else { try JobRunner.move(path, to: job.filePath) }
            } else if owner == nil {
                // Staged before a crash, never registered: the origin is still in the inbox.
                try FileSystem.remove(path)
            }
        }
    }

    private func writeDuplicateReceipt(_ job: JobRecord, original: JobRecord) throws -> String? {
        guard let id = job.id else { return nil }
        let path = layout.receipt(source: job.source, jobID: id, name: job.originalName)
        let receipt = Receipt(
            jobId: id, source: job.source, file: job.originalName, state: JobState.duplicate.rawValue,
            kind: original.kind, mappingVersion: original.mappingVersion, sha256: job.sha256, size: job.size,
            encoding: job.encoding, rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0,
            ignoredColumns: [], exceptionReport: nil,
            reason: original.state == .staged
                ? "the same bytes were received as job \(original.id ?? 0), which had failed; that job runs again"
                : "the same bytes were received as job \(original.id ?? 0) (\(original.originalName)); nothing was reloaded",
            duplicateOf: original.id, durationMs: 0, processedAt: Receipt.timestamp())
        try AtomicFileWriter.write(try receipt.json(), to: path)
        try ledger.setReceipt(jobID: id, path: path)
        return path
    }
}
