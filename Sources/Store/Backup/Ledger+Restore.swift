import Foundation
import GRDB
import Logging
import Transport
import Values

/// What `dropgate restore` replaced: the database file it set aside, and what that file held.
public struct DatabaseSwap: Sendable {
    /// The backup restored.
    public let backup: String
    /// When the backup was taken (from its name), when it is a ``DatabaseBackup``.
    public let backupTakenAt: Date?
    /// Jobs in the backup, and its highest job id.
    public let backupJobs: (count: Int, last: Int64)
    /// Where the replaced database was set aside (`<database>.replaced-<time>`), or `nil` when there was none.
    public let replacedPath: String?
    /// The replaced database's jobs and control numbers, or why it could not be read (a damaged file).
    public let replaced: Result<ReplacedLedger, StoreError>?
}

/// The contents of a database a restore set aside, read-only: what happened after the backup was taken.
public struct ReplacedLedger: Sendable {
    /// A job the replaced database knew.
    public struct Job: Sendable {
        /// Its id there.
        public let id: Int64
        /// Its source.
        public let source: String
        /// Its file's sha256.
        public let sha256: String
        /// The file's name when received.
        public let originalName: String
        /// The kind an operator forced, if any.
        public let forcedKind: String?
    }

    /// A claim batch the replaced database knew.
    public struct Batch: Sendable {
        /// The payer.
        public let payer: String
        /// Its interchange control number.
        public let controlNumber: Int64
        /// Its file.
        public let file: String
    }

    /// Every job but duplicates, by id.
    public let jobs: [Job]
    /// How many jobs it held, duplicates included.
    public let jobCount: Int
    /// The highest job id it used.
    public let lastJobID: Int64
    /// The last interchange control number per payer.
    public let controlNumbers: [String: Int64]
    /// Every claim batch.
    public let batches: [Batch]

    static func read(_ path: String) -> Result<ReplacedLedger, StoreError> {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return .success(
                try queue.read { db in
                    let jobs = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT id, source, sha256, original_name, kind, kind_forced FROM jobs
                            WHERE state <> 'duplicate' ORDER BY id
                            """
                    ).map { row in
                        Job(
                            id: row["id"], source: row["source"], sha256: row["sha256"],
                            originalName: row["original_name"],
                            forcedKind: (row["kind_forced"] as Bool? ?? false) ? row["kind"] : nil)
                    }
                    var controlNumbers: [String: Int64] = [:]
                    for row in try Row.fetchAll(db, sql: "SELECT payer, last_interchange FROM control_numbers") {
                        controlNumbers[row["payer"]] = row["last_interchange"]
                    }
                    let batches = try Row.fetchAll(
                        db, sql: "SELECT payer, interchange_control, file FROM claim_batches ORDER BY id"
                    ).map { Batch(payer: $0["payer"], controlNumber: $0["interchange_control"], file: $0["file"]) }
                    return ReplacedLedger(
                        jobs: jobs, jobCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs") ?? 0,
                        lastJobID: try Int64.fetchOne(db, sql: "SELECT max(id) FROM jobs") ?? 0,
                        controlNumbers: controlNumbers, batches: batches)
                })
        } catch {
            return .failure(StoreError(.sqlite, "the replaced database \(path) cannot be read: \(error)"))
        }
    }
}

extension Ledger {
    /// Replaces the database at `path` with the backup at `backup`, then hands the restored ledger to `recover`
    /// before any other process may open it.
    ///
    /// Refuses while another process has the database open (it holds the use lock): the daemon, the console,
    /// a command. The backup is checked first (`PRAGMA integrity_check`, a DropGate database, no migration
    /// newer than this build) and copied whole beside the database; only then is the replaced file set aside as
    /// `<database>.replaced-<time>` with its `-wal` (never deleted; `-2`, `-3` … when the name is taken) and the
    /// copy renamed into place and migrated.
    ///
    /// `<database>.restore-pending` marks the restore from before the swap until `recover` returns: while it
    /// exists no other process opens the database, and ``resumeRestore(over:logger:recover:)`` finishes the work.
    ///
    /// - Throws: ``StoreError`` (`.inUse`, `.invalidBackup`), or the file system's and SQLite's errors; the
    ///   database is then as it was (a swap that fails half-way puts it back), unless the error came from
    ///   `recover` (the backup is then in place, the replaced database set aside, and the marker stays).
    public static func restore<Recovered>(
        backup: String, over path: String, now: Date = Date(), logger: Logger = Logger(label: "dropgate.store"),
        recover: (Ledger, DatabaseSwap) throws -> Recovered
    ) throws -> (DatabaseSwap, Recovered) {
        guard (try? FileSystem.status(backup))?.isRegularFile == true else {
            throw StoreError(.invalidBackup, "\(backup) is not a file")
        }
        try checkIntegrity(of: backup)
        let backupJobs = try checkIsUsable(backup: backup)
        guard let lock = try FileLock.tryLocking(useLockPath(of: path), mode: .exclusive) else {
            throw StoreError(
                .inUse,
                "\(path) is in use by another dropgate process (the daemon, `serve`, or a command); stop it first")
        }
        defer { lock.unlock() }
        // An unfinished restore is finished first: its marker is the only record of the database it set aside.
        if let pending = try RestoreMarker.pending(for: path) { throw pending.blocking(path) }
        // The backup's bytes first, whole beside the database (a copy, never a link: the restored database must
        // not write into the backup); nothing is moved until they are there.
        let temporary = path + ".restoring.tmp"
        try FileSystem.remove(temporary)
        try FileSystem.copy(backup, to: temporary)
        var marker = RestoreMarker(
            backup: backup, replacedPath: nil, backupJobCount: backupJobs.count, backupLastJobID: backupJobs.last,
            startedAt: ISO8601DateFormatter().string(from: now))
        if FileSystem.exists(path) {
            let base = path + ".replaced-" + (DatabaseBackup.name(takenAt: now).dropFirst(9).dropLast(7))
            var target = base
            var sequence = 1
            while FileSystem.exists(target) {
                sequence += 1
                target = base + "-\(sequence)"
            }
            marker.replacedPath = target
            try marker.write(for: path)
            checkpoint(path)
            do {
                try FileSystem.rename(path, to: target)
                if FileSystem.exists(path + "-wal") { try FileSystem.rename(path + "-wal", to: target + "-wal") }
                try FileSystem.remove(path + "-shm")
                try FileSystem.rename(temporary, to: path)
                try FileSystem.syncDirectory(FileSystem.directory(of: path))
            } catch {
                // A failed swap puts the live database back as it was.
                if !FileSystem.exists(path) { try? FileSystem.rename(target, to: path) }
                if FileSystem.exists(target + "-wal") { try? FileSystem.rename(target + "-wal", to: path + "-wal") }
                try? FileSystem.remove(temporary)
                try? RestoreMarker.remove(for: path)
                throw error
            }
        } else {
            try marker.write(for: path)
            try FileSystem.rename(temporary, to: path)
            try FileSystem.syncDirectory(FileSystem.directory(of: path))
        }
        return try finish(marker, over: path, logger: logger, recover: recover)
    }

    /// Finishes a restore a crash or a failure left half done (``StoreErrorCode/restoreIncomplete``): the
    /// backup is in place and the replaced database set aside, as `<database>.restore-pending` records; runs
    /// `recover` over them again (it must be safe to repeat) and removes the marker.
    ///
    /// - Throws: ``StoreError`` (`.notFound` when no restore is pending, `.inUse` while another process has the
    ///   database open), or what `recover` throws (the marker then stays).
    public static func resumeRestore<Recovered>(
        over path: String, logger: Logger = Logger(label: "dropgate.store"),
        recover: (Ledger, DatabaseSwap) throws -> Recovered
    ) throws -> (DatabaseSwap, Recovered) {
        guard let lock = try FileLock.tryLocking(useLockPath(of: path), mode: .exclusive) else {
            throw StoreError(
                .inUse,
                "\(path) is in use by another dropgate process (the daemon, `serve`, or a command); stop it first")
        }
        defer { lock.unlock() }
        guard let marker = try RestoreMarker.pending(for: path) else {
            throw StoreError(
                .notFound, "no restore of \(path) is unfinished (\(RestoreMarker.path(of: path)) is absent)")
        }
        let temporary = path + ".restoring.tmp"
        if let replaced = marker.replacedPath, !FileSystem.exists(replaced), FileSystem.exists(path) {
            // Stopped before the swap: the database is as it was.
            try? FileSystem.remove(temporary)
            try RestoreMarker.remove(for: path)
            throw StoreError(
                .notFound,
                "the restore of \(marker.backup) stopped before it replaced anything: \(path) is as it was; run `dropgate restore` again"
            )
        }
        if !FileSystem.exists(path) {
            // Stopped between setting the database aside and putting the copy in its place.
            guard FileSystem.exists(temporary) else {
                throw StoreError(
                    .restoreIncomplete,
                    "neither \(path) nor the backup's copy \(temporary) exists; the replaced database is \(marker.replacedPath ?? "none"): put it back as \(path) and remove \(RestoreMarker.path(of: path))"
                )
            }
            try FileSystem.rename(temporary, to: path)
            try FileSystem.syncDirectory(FileSystem.directory(of: path))
        }
        return try finish(marker, over: path, logger: logger, recover: recover)
    }

    /// Opens the restored database under the caller's exclusive hold, recovers, then removes the marker.
    private static func finish<Recovered>(
        _ marker: RestoreMarker, over path: String, logger: Logger, recover: (Ledger, DatabaseSwap) throws -> Recovered
    ) throws -> (DatabaseSwap, Recovered) {
        let swap = DatabaseSwap(
            backup: marker.backup,
            backupTakenAt: DatabaseBackup.takenAt(name: (marker.backup as NSString).lastPathComponent),
            backupJobs: (marker.backupJobCount, marker.backupLastJobID), replacedPath: marker.replacedPath,
            replaced: marker.replacedPath.map(ReplacedLedger.read))
        let ledger = try Ledger(path: path, logger: logger, useLock: nil)
        let recovered = try recover(ledger, swap)
        try RestoreMarker.remove(for: path)
        return (swap, recovered)
    }

    /// Folds a database's write-ahead log into it, so the file set aside is whole by itself (best effort: a
    /// damaged file is set aside with its `-wal` as it is).
    private static func checkpoint(_ path: String) {
        guard let queue = try? DatabaseQueue(path: path) else { return }
        _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try? queue.close()
    }

    /// Checks that a backup is a DropGate database this build can migrate.
    ///
    /// - Returns: its job count and highest job id.
    private static func checkIsUsable(backup: String) throws -> (count: Int, last: Int64) {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: backup, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            guard try db.tableExists("jobs"), try db.tableExists("grdb_migrations") else {
                throw StoreError(.invalidBackup, "\(backup) is not a DropGate database (it has no job ledger)")
            }
            guard try !Migrations.migrator.hasBeenSuperseded(db) else {
                throw StoreError(
                    .invalidBackup, "\(backup) was written by a newer DropGate (it has migrations this build lacks)")
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs") ?? 0
            let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM jobs") ?? 0
            return (count, last)
        }
    }
}

extension DeliveryRepository {
    /// Copies the delivery records of a database a restore set aside into this one, so files already handed to
    /// their destination after the backup was taken are not delivered a second time.
    ///
    /// - Returns: how many records were missing here and were copied.
    public func carryOver(from replacedPath: String) throws -> Int {
        try database.writeWithoutTransaction { connection in
            let db = try connection.sqlite("carrying deliveries over from a replaced database")
            try db.execute(sql: "ATTACH DATABASE ? AS replaced", arguments: [replacedPath])
            defer { try? db.execute(sql: "DETACH DATABASE replaced") }
            var copied = 0
            try db.inTransaction {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO deliveries
                            (delivery, file, sha256, destination, bytes, delivered_at, found_on_destination)
                        SELECT delivery, file, sha256, destination, bytes, delivered_at, found_on_destination
                        FROM replaced.deliveries
                        """)
                copied = db.changesCount
                return .commit
            }
            return copied
        }
    }
}
