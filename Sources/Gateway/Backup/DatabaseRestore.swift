import Crypto
import Foundation
import Logging
import Store
import Transport
import Values

/// `dropgate restore`: puts a backup in place of the database, then brings it up to date with what happened
/// after the backup was taken, so no file is lost and none is loaded twice.
///
/// After the swap (``Ledger/restore(backup:over:now:logger:recover:)``), before any other process may open
/// the database:
/// - every file in the archive or in staging whose `(source, sha256)` the restored ledger does not know was
///   received after the backup: it is staged again and registered as a new job, in the order it was first
///   received, with an id above every id the set-aside database used, and the next pass loads it (its archived
///   copy is removed once the job exists);
/// - a restored job whose file moved on after the backup (archived) is pointed at it again;
/// - each payer's interchange control number is raised past every number the set-aside database or the
///   outbox's batch files used, and the set-aside database's delivery records are copied, so no control
///   number repeats and no file is delivered twice.
/// Claim batches built after the backup are listed: their claims are not in the restored ledger.
/// Archived files are read through ``ArchiveFile``: an encrypted one is hashed and staged as its plaintext.
public enum DatabaseRestore {
    /// What a restore did.
    public struct Report: Sendable {
        /// The swap: the backup, and the database set aside.
        public let swap: DatabaseSwap
        /// New jobs for files received after the backup.
        public var requeued: [JobRecord] = []
        /// Restored jobs whose file was found again in the archive.
        public var relinked = 0
        /// Restored jobs that have not finished and whose file is nowhere (id and name).
        public var missing: [JobRecord] = []
        /// Payers whose control number was raised: (payer, from, to).
        public var raisedControlNumbers: [(payer: String, from: Int64, to: Int64)] = []
        /// Delivery records copied from the set-aside database.
        public var deliveriesCarriedOver = 0
        /// Claim batch files built after the backup (their claims are not in the restored ledger).
        public var batchesAfterBackup: [String] = []
        /// Archived files that could not be read (tampered with, or encrypted with a key no longer configured),
        /// with the reason: left where they are, neither registered nor relinked.
        public var unreadable: [(path: String, reason: String)] = []
    }

    /// Restores `backup` over the configured database and recovers what came after it.
    ///
    /// - Throws: ``StoreError`` (`.inUse` while another process has the database open, `.invalidBackup`),
    ///   or file-system errors.
    public static func run(
        backup: String, config: GatewayConfig, logger: Logger, faults: FaultInjection = .none
    ) throws -> Report {
        try refusePostgres(config)
        // The keys before anything is replaced: a missing or open key file stops the restore here.
        let keys = try ArchiveKeys.load(config.archive)
        return try Ledger.restore(backup: backup, over: config.paths.database, logger: logger) { ledger, swap in
            var report = Report(swap: swap)
            try recover(into: ledger, config: config, keys: keys, logger: logger, faults: faults, report: &report)
            return report
        }.1
    }

    /// Finishes a restore that stopped after the swap (a crash, a full disk): recovers again what came after
    /// the backup (every step is safe to repeat) and lets other processes open the database again.
    ///
    /// - Throws: ``StoreError`` (`.notFound` when no restore is unfinished, `.inUse`), or file-system errors.
    public static func resume(config: GatewayConfig, logger: Logger) throws -> Report {
        try refusePostgres(config)
        let keys = try ArchiveKeys.load(config.archive)
        return try Ledger.resumeRestore(over: config.paths.database, logger: logger) { ledger, swap in
            var report = Report(swap: swap)
            try recover(into: ledger, config: config, keys: keys, logger: logger, faults: .none, report: &report)
            return report
        }.1
    }

    /// Backups and restores are the SQLite store's: a PostgreSQL database is backed up and restored with its
    /// own tools (pg_dump, base backups), by its hosting team.
    static func refusePostgres(_ config: GatewayConfig) throws {
        guard config.paths.postgresURL == nil else {
            throw GatewayError(
                .invalidInput,
                "the database is PostgreSQL: back it up and restore it with PostgreSQL's own tools (pg_dump, base backups)"
            )
        }
    }

    /// A file received after the backup, to register again.
    private struct Lost {
        let source: String
        let sha256: String
        let name: String
        let path: String
        let forcedKind: String?
        let order: Int64
        let archived: Bool
    }

    private static func recover(
        into ledger: Ledger, config: GatewayConfig, keys: ArchiveKeys, logger: Logger, faults: FaultInjection,
        report: inout Report
    ) throws {
        let replaced = try? report.swap.replaced?.get()
        // What was sent out after the backup first: should a later step fail, no number is used twice and no
        // file delivered twice.
        try raiseControlNumbers(ledger: ledger, replaced: replaced, outbox: config.paths.outbox, report: &report)
        if let path = report.swap.replacedPath, replaced != nil {
            report.deliveriesCarriedOver = try ledger.deliveries.carryOver(from: path)
        }
        var known: [String: JobRecord] = [:]
        for job in try ledger.jobs.files() { known[job.source + "/" + job.sha256] = job }
        var earlier: [String: ReplacedLedger.Job] = [:]
        for job in replaced?.jobs ?? [] { earlier[job.source + "/" + job.sha256] = job }
        var lost: [String: Lost] = [:]

        for (source, path) in try archivedFiles(under: config.paths.archive) {
            let sha256: String
            do {
                sha256 = try hash(path, keys: keys)
            } catch let error as ArchiveError {
                // One damaged file must not keep the database locked: it is reported and left in place.
                report.unreadable.append((path, error.message))
                continue
            }
            let key = source + "/" + sha256
            if let job = known[key] {
                guard let id = job.id, !FileSystem.exists(job.filePath) else { continue }
                if job.state.isTerminal {
                    try ledger.jobs.recordArchived(jobID: id, from: job.filePath, to: path)
                } else {
                    try ArchiveFile.restore(path, to: job.filePath, keys: keys)
                }
                known[key]?.filePath = path
                report.relinked += 1
                continue
            }
            let file = (path as NSString).lastPathComponent
            let number = file.prefix { $0.isNumber }
            let name = file.dropFirst(number.count).hasPrefix("-") ? String(file.dropFirst(number.count + 1)) : file
            lost[key] = Lost(
                source: source, sha256: sha256, name: earlier[key]?.originalName ?? name, path: path,
                forcedKind: earlier[key]?.forcedKind, order: earlier[key]?.id ?? Int64(number) ?? .max, archived: true)
        }
        for (source, sha256, path) in try stagedFiles(under: config.paths.staging) {
            let key = source + "/" + sha256
            guard known[key] == nil, lost[key] == nil else { continue }
            lost[key] = Lost(
                source: source, sha256: sha256, name: earlier[key]?.originalName ?? sha256, path: path,
                forcedKind: earlier[key]?.forcedKind, order: earlier[key]?.id ?? .max, archived: false)
        }
        report.missing = known.values.filter { !$0.state.isTerminal && !FileSystem.exists($0.filePath) }
            .sorted { ($0.id ?? 0) < ($1.id ?? 0) }

        let stager = Stager(root: config.paths.staging)
        // New ids start above every id the set-aside database used, so receipts, reports and alerts sent after the
        // backup never name a job that is now another file's.
        // (and above the jobs an interrupted recovery of this restore registered already).
        var nextID = max(report.swap.backupJobs.last, replaced?.lastJobID ?? 0, try ledger.jobs.lastID()) + 1
        for file in lost.values.sorted(by: { ($0.order, $0.path) < ($1.order, $1.path) }) {
            let staged = try stager.stage(source: file.source) { temporary, observe in
                try ArchiveFile.decrypt(file.path, to: temporary, keys: keys, observe: observe)
            }
            var job = JobRecord(
                source: file.source, originalName: file.name, origin: "restore:" + file.path, sha256: staged.sha256,
                size: staged.size, filePath: staged.path, kind: file.forcedKind, encoding: staged.encoding)
            job.originCleared = true
            job.id = nextID
            guard case .created(let created) = try ledger.jobs.register(job) else { continue }
            report.requeued.append(created)
            nextID += 1
            if file.archived { try FileSystem.remove(file.path) }
            faults.hit(.restoreMidway)
        }
        logger.notice(
            "restore recovered files received after the backup",
            metadata: ["jobs.requeued": "\(report.requeued.count)", "jobs.relinked": "\(report.relinked)"])
    }

    /// Raises control numbers past those used after the backup, and lists the batches built after it.
    private static func raiseControlNumbers(
        ledger: Ledger, replaced: ReplacedLedger?, outbox: String, report: inout Report
    ) throws {
        let restored = try ledger.claims.controlNumbers()
        var highest = replaced?.controlNumbers ?? [:]
        var after = Set<String>()
        for batch in replaced?.batches ?? [] where batch.controlNumber > restored[batch.payer] ?? 0 {
            after.insert(batch.file)
        }
        for (payer, number, path) in try interchangeFiles(under: outbox) {
            highest[payer] = max(highest[payer] ?? 0, number)
            if number > restored[payer] ?? 0 { after.insert(path) }
        }
        for (payer, number) in highest.sorted(by: { $0.key < $1.key }) where number > restored[payer] ?? 0 {
            try ledger.claims.raiseControlNumber(payer: payer, to: number)
            report.raisedControlNumbers.append((payer, restored[payer] ?? 0, number))
        }
        report.batchesAfterBackup = after.sorted()
    }

    /// `Archive/<source>/<yyyy>/<mm>/<dd>/<file>`: every archived file with its source.
    private static func archivedFiles(under root: String) throws -> [(source: String, path: String)] {
        var files: [(String, String)] = []
        func walk(_ folder: String, source: String) throws {
            for entry in try FileSystem.list(folder) where !entry.name.hasPrefix(".") {
                let path = folder + "/" + entry.name
                if entry.kind == .directory {
                    try walk(path, source: source)
                } else if entry.isRegularFile {
                    files.append((source, path))
                }
            }
        }
        guard FileSystem.exists(root) else { return [] }
        for entry in try FileSystem.list(root) where entry.kind == .directory && !entry.name.hasPrefix(".") {
            try walk(root + "/" + entry.name, source: entry.name)
        }
        return files.sorted { $0.1 < $1.1 }
    }

    /// `Staging/<source>/<sha256>`: every whole staged file (not a partial copy).
    private static func stagedFiles(under root: String) throws -> [(source: String, sha256: String, path: String)] {
        guard FileSystem.exists(root) else { return [] }
        var files: [(String, String, String)] = []
        for folder in try FileSystem.list(root) where folder.kind == .directory && !folder.name.hasPrefix(".") {
            for entry in try FileSystem.list(root + "/" + folder.name)
            where entry.isRegularFile && entry.name.count == 64 && entry.name.allSatisfy(\.isHexDigit) {
                files.append((folder.name, entry.name, root + "/" + folder.name + "/" + entry.name))
            }
        }
        return files.sorted { $0.2 < $1.2 }
    }

    /// X12 interchanges in `Outbox/<payer>/{837P,held,discarded}/`, with their ISA13 control number.
    private static func interchangeFiles(under outbox: String) throws -> [(payer: String, number: Int64, path: String)]
    {
        guard FileSystem.exists(outbox) else { return [] }
        var found: [(String, Int64, String)] = []
        for payer in try FileSystem.list(outbox) where payer.kind == .directory {
            for sub in ["837P", "held", "discarded"] {
                let folder = outbox + "/" + payer.name + "/" + sub
                guard FileSystem.isDirectory(folder) else { continue }
                for entry in try FileSystem.list(folder) where entry.isRegularFile && !entry.name.hasPrefix(".") {
                    let path = folder + "/" + entry.name
                    if let number = try interchangeControlNumber(path) { found.append((payer.name, number, path)) }
                }
            }
        }
        return found
    }

    /// ISA13 of an X12 file (the ISA segment has fixed widths: 106 bytes), or `nil` when it is not one.
    private static func interchangeControlNumber(_ path: String) throws -> Int64? {
        let descriptor = try FileSystem.openForReading(path)
        defer { FileSystem.close(descriptor) }
        var head = [UInt8](repeating: 0, count: 106)
        let count = try head.withUnsafeMutableBytes { try FileSystem.read(descriptor, into: $0, path: path) }
        guard count == 106, head.starts(with: Array("ISA".utf8)) else { return nil }
        let elements = head.split(separator: head[3], omittingEmptySubsequences: false)
        guard elements.count > 13 else { return nil }
        return Int64(String(decoding: elements[13], as: UTF8.self))
    }

    /// The sha256 of a file's plaintext (an encrypted archive's is decrypted), hex, read in chunks.
    private static func hash(_ path: String, keys: ArchiveKeys) throws -> String {
        var hasher = SHA256()
        try ArchiveFile.forEachChunk(of: path, keys: keys) { hasher.update(bufferPointer: $0) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
