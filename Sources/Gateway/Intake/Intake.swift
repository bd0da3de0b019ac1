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
/// Only regular files with one name are read: links, pipes, devices and hard links are refused and reported
/// once each (``refuse(_:reason:from:source:)``). A file that changed while it was copied is not taken: the copy
/// is discarded and the file waits to settle again. A file its source leaves in place is remembered by name, size
/// and mtime, and not taken again while those hold.
///
/// The stability trackers are the only mutable state, behind a lock; passes over one source still run one at a
/// time (the daemon has exactly one).
final class Intake: Sendable {
    let config: GatewayConfig
    let ledger: Ledger
    private let stager: Stager
    let layout: OutboxLayout
    private let mappings: MappingSet
    let logger: Logger
    private let trackers = Mutex<[String: StabilityTracker]>([:])

    init(config: GatewayConfig, ledger: Ledger, layout: OutboxLayout, mappings: MappingSet, logger: Logger) {
        self.config = config
        self.mappings = mappings
        self.ledger = ledger
        self.layout = layout
        self.logger = logger
        stager = Stager(root: config.paths.staging)
    }

    /// Takes every complete file of `source` from `files`; returns the files still settling and those that failed.
    ///
    /// - Parameter failed: told each file that could not be taken (staging full, unreadable) when the source
    ///   does not fail as a whole; the file stays at its source and is tried again next pass.
    /// - Throws: the source's errors; with ``FileSource/failsAsAWhole`` also any one file's failure.
    func collect(_ files: some FileSource, source: SourceConfig, failed: (any Error) -> Void = { _ in }) throws
        -> IntakeOutcome
    {
        let marker = source.remote?.marker
        try finishInterruptedAcknowledgments(files, source: source.id, marker: marker)
        let listing = try files.list()
        let names = Set(listing.map(\.name))
        let globs = source.remote?.files ?? []
        let seen = files.leavesFilesInPlace ? try seenFiles(source.id, listing: names) : [:]
        var candidates: [FileSystem.Entry] = []
        for entry in listing where entry.kind != .directory && !StabilityTracker.isTemporaryName(entry.name) {
            if let marker, entry.name.hasSuffix("." + marker) { continue }
            guard globs.isEmpty || globs.contains(where: { $0.matches(entry.name) }) else { continue }
            if let reason = Self.refusal(of: entry) {
                try refuse(entry, reason: reason, from: files, source: source.id)
                continue
            }
            if let marker, !names.contains(entry.name + "." + marker) { continue }
            if let known = seen[entry.name], known.size == entry.size, known.modified == entry.modified { continue }
            candidates.append(entry)
        }
        // With a marker the upload is declared complete; otherwise it must hold still.
        let (ready, stillSettling) =
            marker == nil
            ? observe(candidates, source: source, localClock: files.modificationTimesAreLocal) : (candidates, 0)
        var outcome = IntakeOutcome(settling: stillSettling)
        let ordered = ready.sorted {
            (mappings.intakeRank(filename: $0.name), $0.name) < (mappings.intakeRank(filename: $1.name), $1.name)
        }
        for entry in ordered {
            do {
                try take(entry, from: files, source: source.id, marker: marker)
                _ = trackers.withLock { $0[source.id]?.forget(entry.name) }
            } catch is SourceFileChanged {
                // Forgotten, so it must hold still for `stable_after` again before it is copied again.
                _ = trackers.withLock { $0[source.id]?.forget(entry.name) }
                outcome.settling += 1
                logger.notice(
                    "file changed while it was copied; copy discarded, waiting for it to settle",
                    metadata: ["source.id": "\(source.id)"])
            } catch {
                if files.failsAsAWhole { throw error }
                // One unreadable file must not hold up the others; it is tried again next pass.
                outcome.failures.append(LogSafe.describe(error))
                logger.error(
                    "cannot take a file; will retry",
                    metadata: ["source.id": "\(source.id)", "error": "\(LogSafe.describe(error))"])
                failed(error)
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
    ///
    /// - Throws: ``SourceFileChanged`` when the file is no longer what was listed once copied (the copy is
    ///   discarded), else the source's or the ledger's error.
    private func take(_ entry: FileSystem.Entry, from files: some FileSource, source: String, marker: String?) throws {
        let name = entry.name
        let staged: StagedFile
        do {
            staged = try stager.stage(source: source) { temporary, observe in
                var copied: Int64 = 0
                try files.fetch(name, to: temporary) { chunk in
                    copied += Int64(chunk.count)
                    observe(chunk)
                }
                guard entry.size < 0 || copied == entry.size, try Self.isUnchanged(entry, now: files.entry(name)) else {
                    throw SourceFileChanged()
                }
            }
        } catch let error where !(error is SourceFileChanged) {
            // A fetch cut short because the file changed under it (SFTP reports a truncated download) is that case.
            if let now = try? files.entry(name), !Self.isUnchanged(entry, now: now) { throw SourceFileChanged() }
            throw error
        }
        let job = try register(staged, source: source, name: name, origin: files.origin(of: name))
        guard let id = job.id else { return }
        try files.acknowledge(name, marker: marker)
        if files.leavesFilesInPlace {
            try ledger.seen.remember(
                SeenFile(source: source, name: name, size: entry.size, modified: entry.modified, sha256: staged.sha256))
        }
        try ledger.jobs.markOriginCleared(jobID: id)
    }

    /// Whether the entry is still the file listed: same kind, size, mtime, inode and number of names.
    static func isUnchanged(_ listed: FileSystem.Entry, now: FileSystem.Entry?) -> Bool {
        guard let now else { return false }
        return now.kind == listed.kind && now.size == listed.size && now.modified == listed.modified
            && now.inode == listed.inode && now.device == listed.device && now.links == listed.links
    }

    /// The files the source left in place once taken; forgets those no longer listed.
    private func seenFiles(_ source: String, listing names: Set<String>) throws -> [String: SeenFile] {
        let seen = try ledger.seen.seenFiles(source: source)
        try ledger.seen.forgetSeen(source: source, names: seen.keys.filter { !names.contains($0) })
        return seen
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
        switch try ledger.jobs.register(job) {
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
            if let id = original.id, !original.filePath.isEmpty, !FileSystem.exists(original.filePath) {
                // Retention purged the original's file: these same bytes become its file again (archived anew
                // once it is final), so a requeue or replay finds them.
                try ledger.jobs.recordArchived(jobID: id, from: original.filePath, to: staged.path)
            } else if staged.path != original.filePath {
                try FileSystem.remove(staged.path)
            }
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
        for job in try ledger.jobs.uncleared(source: source) where job.origin == files.origin(of: job.originalName) {
            guard let id = job.id else { continue }
            if job.state == .duplicate, job.receiptPath == nil, let originalID = job.duplicateOf,
                let original = try ledger.jobs.job(id: originalID)
            {
                _ = try writeDuplicateReceipt(job, original: original)
            }
            if try files.contains(job.originalName) { try files.acknowledge(job.originalName, marker: marker) }
            try ledger.jobs.markOriginCleared(jobID: id)
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
                if !FileSystem.isProcessAlive(Stager.writerProcess(entry.name) ?? 0) { try FileSystem.remove(path) }
                continue
            }
            let owner = try ledger.jobs.owner(source: source, sha256: entry.name)
            if let job = owner, job.state.isTerminal {
                if job.filePath == path {
                    archive(job)
                } else if FileSystem.exists(job.filePath) {
                    // Archived; the crash came before the staged name was removed.
                    try FileSystem.remove(path)
                } else {
                    // Recorded before the move by earlier versions: finish the move.
                    try FileSystem.move(path, to: job.filePath)
                }
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
            encoding: job.encoding, rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0,
            warnings: 0,
            ignoredColumns: [], exceptionReport: nil,
            reason: original.state == .staged
                ? "the same bytes were received as job \(original.id ?? 0), which had failed; that job runs again"
                : "the same bytes were received as job \(original.id ?? 0) (\(original.originalName)); nothing was reloaded",
            duplicateOf: original.id, durationMs: 0, processedAt: Receipt.timestamp())
        try AtomicFileWriter.write(try receipt.json(), to: path)
        try ledger.jobs.setReceipt(jobID: id, path: path)
        return path
    }
}
