import Foundation
import Logging
import Mapping
import Store
import Synchronization
import Transport

/// Takes complete files from any ``FileSource`` into staging and the ledger (DESIGN §2, §4.1–4.4).
///
/// One code path for local drop folders and SFTP directories. A file is taken once complete: its size and mtime
/// unchanged for `stable_after` (a local file older than that at once), or its marker present when the source names
/// one. Order matters for "exactly once": bytes are staged (fsynced) and the job row committed before the file is
/// acknowledged (removed, moved); a crash in between is recognised on the next pass (same origin, not yet cleared)
/// and finished without creating a duplicate.
///
/// The stability trackers are the only mutable state, behind a lock; passes over one source still run one at a
/// time (the daemon has exactly one).
final class Intake: Sendable {
    private let config: GatewayConfig
    private let ledger: Ledger
    private let stager: Stager
    private let layout: OutboxLayout
    private let mappings: MappingSet
    private let logger: Logger
    private let trackers = Mutex<[String: StabilityTracker]>([:])

    init(config: GatewayConfig, ledger: Ledger, layout: OutboxLayout, mappings: MappingSet, logger: Logger) {
        self.config = config
        self.mappings = mappings
        self.ledger = ledger
        self.layout = layout
        self.logger = logger
        stager = Stager(root: config.paths.staging)
    }

    /// Takes every complete file of `source` from `files`; returns how many are still settling or failed.
    ///
    /// - Throws: the source's errors; with ``FileSource/failsAsAWhole`` also any one file's failure.
    func collect(_ files: some FileSource, source: SourceConfig) throws -> IntakeOutcome {
        let marker = source.remote?.marker
        try finishInterruptedAcknowledgments(files, source: source.id, marker: marker)
        let listing = try files.list()
        let names = Set(listing.map(\.name))
        let globs = source.remote?.files ?? []
        var candidates: [FileSystem.Entry] = []
        for entry in listing where entry.isRegularFile {
            if let marker {
                if entry.name.hasSuffix("." + marker) || !names.contains(entry.name + "." + marker) { continue }
            }
            guard globs.isEmpty || globs.contains(where: { $0.matches(entry.name) }) else { continue }
            candidates.append(entry)
        }
        // With a marker the upload is declared complete; otherwise it must hold still.
        let (ready, settling) =
            marker == nil
            ? observe(candidates, source: source, localClock: files.modificationTimesAreLocal) : (candidates, 0)
        var outcome = IntakeOutcome(settling: settling)
        let ordered = ready.sorted {
            (mappings.intakeRank(filename: $0.name), $0.name) < (mappings.intakeRank(filename: $1.name), $1.name)
        }
        for entry in ordered {
            do {
                try take(entry.name, from: files, source: source.id, marker: marker)
                _ = trackers.withLock { $0[source.id]?.forget(entry.name) }
            } catch {
                if files.failsAsAWhole { throw error }
                // One unreadable file must not hold up the others; it is tried again next pass.
                outcome.failures.append(LogSafe.describe(error))
                logger.error(
                    "cannot take a file; will retry",
                    metadata: ["source.id": "\(source.id)", "error": "\(LogSafe.describe(error))"])
            }
        }
        return outcome
    }

    /// Feeds one listing to the source's stability tracker; returns the files complete now and how many are settling.
    private func observe(_ candidates: [FileSystem.Entry], source: SourceConfig, localClock: Bool) -> (
        ready: [FileSystem.Entry], settling: Int
    ) {
        trackers.withLock { trackers in
            var tracker =
                trackers[source.id]
                ?? StabilityTracker(stableAfter: source.stableAfter, trustModificationTime: localClock)
            let observed = tracker.observe(candidates, now: Date().timeIntervalSince1970)
            trackers[source.id] = tracker
            return observed
        }
    }

    /// Stages and registers one file, then acknowledges it to its source: only now that the job exists.
    private func take(_ name: String, from files: some FileSource, source: String, marker: String?) throws {
        let staged = try stager.stage(source: source) { temporary, observe in
            try files.fetch(name, to: temporary, observe: observe)
        }
        let job = try register(staged, source: source, name: name, origin: files.origin(of: name))
        guard let id = job.id else { return }
        try files.acknowledge(name, marker: marker)
        try ledger.markOriginCleared(jobID: id)
    }

    /// Stages and registers a file named on the command line; the file itself is left in place.
    func ingest(path: String, name: String, source: String, kind: String?) throws -> JobRecord {
        let staged = try stager.stage(source: source) { temporary, observe in
            try LocalFolderSource.copy(path, to: temporary, observe: observe)
        }
        return try register(
            staged, source: source, name: name, origin: "ingest:" + path, kind: kind, originCleared: true)
    }

    /// Records a staged file as a job, or as a duplicate (with its receipt) of the job that has its bytes.
    ///
    /// Shared by every source and `ingest`, so every way in treats identity the same.
    private func register(
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

    /// Acknowledges files whose job was registered before a crash prevented their acknowledgment, and writes the
    /// receipt of a duplicate the crash left without one.
    private func finishInterruptedAcknowledgments(_ files: some FileSource, source: String, marker: String?) throws {
        for job in try ledger.uncleared(source: source) where job.origin == files.origin(of: job.originalName) {
            guard let id = job.id else { continue }
            if job.state == .duplicate, job.receiptPath == nil, let originalID = job.duplicateOf,
                let original = try ledger.job(id: originalID)
            {
                _ = try writeDuplicateReceipt(job, original: original)
            }
            if try files.contains(job.originalName) { try files.acknowledge(job.originalName, marker: marker) }
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
