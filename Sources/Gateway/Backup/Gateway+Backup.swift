import Foundation
import Logging
import Store
import Values

extension Gateway {
    /// Takes a backup of the database into `folder` (default: `backup.folder`), then, in the configured folder,
    /// removes all but the newest `backup.keep`.
    ///
    /// - Returns: the backup, and the older ones removed.
    /// - Throws: ``GatewayError`` when no folder is given or configured; ``StoreError`` when the copy fails its
    ///   integrity check; file-system and SQLite errors.
    public func backup(into folder: String? = nil, now: Date = Date()) throws -> (
        backup: DatabaseBackup, removed: [DatabaseBackup]
    ) {
        try DatabaseRestore.refusePostgres(config)
        guard let target = folder ?? config.backup?.folder else {
            throw GatewayError(
                .invalidInput, "name a folder (dropgate backup FOLDER) or set backup.folder in \(config.file)")
        }
        let backup = try ledger.backup(into: target, now: now)
        var removed: [DatabaseBackup] = []
        if let configured = config.backup, OutboxLayout.normalized(configured.folder) == OutboxLayout.normalized(target)
        {
            removed = try DatabaseBackup.prune(target, keep: configured.keep)
        }
        return (backup, removed)
    }

    /// The daemon's daily backup: taken when `backup:` is configured and the newest backup in its folder is 24
    /// hours old or more. A failure is logged, opens a `backup-failed` alert and is tried again next pass.
    func backupIfDue(now: Date = Date()) {
        guard let folder = config.backup?.folder else { return }
        do {
            if let newest = try DatabaseBackup.list(in: folder).last, now.timeIntervalSince(newest.takenAt) < 86_400 {
                return
            }
            let (backup, removed) = try self.backup(now: now)
            backupStatus.record(failure: nil)
            logger.notice(
                "database backed up",
                metadata: [
                    "backup.file": "\((backup.path as NSString).lastPathComponent)", "backup.bytes": "\(backup.size)",
                    "backups.removed": "\(removed.count)",
                ])
        } catch {
            let reason = LogSafe.describe(error)
            backupStatus.record(failure: reason)
            logger.error("database backup failed; tried again next pass", metadata: ["error": "\(reason)"])
        }
    }
}
