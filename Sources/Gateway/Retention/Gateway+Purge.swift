import Foundation
import Logging
import Store
import Transport

extension Gateway {
    /// Removes what `retention:` says is old enough: archived files, staging leftovers, receipts and exception
    /// reports, exception rows. Whatever its age, what ``RetentionRepository`` holds is kept and listed.
    ///
    /// - Parameters:
    ///   - dryRun: list only; nothing is removed and nothing audited.
    ///   - actor: who asked (the CLI user), `nil` for the daemon; recorded in the audit trail as a `purge`.
    ///   - now: the time ages are measured from.
    /// - Throws: file-system and SQLite errors (what was removed before the error stays removed, and is audited).
    public func purge(dryRun: Bool, actor: String?, now: Date? = nil) throws -> PurgeReport {
        let now = now ?? clock()
        let retention = config.retention
        var report = PurgeReport(dryRun: dryRun)
        guard !retention.isEmpty else { return report }
        var held: [String: String] = [:]
        for hold in try ledger.retention.holds() {
            for path in hold.paths where held[OutboxLayout.normalized(path)] == nil {
                held[OutboxLayout.normalized(path)] = hold.reason
            }
        }
        func cutoff(_ days: Int) -> Int64 { Int64((now.timeIntervalSince1970 - Double(days) * 86_400) * 1e9) }
        func consider(
            _ kind: String, _ file: FileSystem.Entry, at path: String, keep: (String) throws -> String?
        ) throws {
            let item = PurgeReport.Item(kind: kind, path: path, bytes: file.size)
            if let reason = try keep(OutboxLayout.normalized(path)) ?? (dryRun ? nil : ledger.retention.heldNow(path)) {
                var kept = item
                kept.reason = reason
                report.kept.append(kept)
                return
            }
            if !dryRun { try FileSystem.remove(path) }
            report.removed.append(item)
        }
        do {
            if let days = retention.archiveDays {
                let root = config.paths.archive
                for (path, file) in try Self.files(under: root, recursive: true) where file.modified < cutoff(days) {
                    try consider("archive", file, at: path) { held[$0] }
                }
                if !dryRun { Self.removeEmptyFolders(under: root) }
            }
            if let days = retention.stagingDays {
                let named = Set(try ledger.retention.jobFiles(under: config.paths.staging).map(OutboxLayout.normalized))
                for (path, file) in try Self.files(under: config.paths.staging, recursive: false)
                where file.modified < cutoff(days) {
                    try consider("staging", file, at: path) { path in
                        if let reason = held[path] { return reason }
                        if named.contains(path) { return "a job names it (its archiving is retried)" }
                        if let pid = Stager.writerProcess(file.name), FileSystem.isProcessAlive(pid) {
                            return "process \(pid) is writing it"
                        }
                        return nil
                    }
                }
            }
            if let days = retention.reportsDays, FileSystem.isDirectory(config.paths.outbox) {
                for folder in try FileSystem.list(config.paths.outbox) where folder.kind == .directory {
                    let reports = config.paths.outbox + "/" + folder.name + "/reports"
                    guard FileSystem.isDirectory(reports) else { continue }
                    for entry in try FileSystem.list(reports)
                    where entry.isRegularFile && !entry.name.hasPrefix(".") && entry.modified < cutoff(days) {
                        try consider("report", entry, at: reports + "/" + entry.name) { held[$0] }
                    }
                }
            }
            if let days = retention.exceptionsDays {
                let before = now.addingTimeInterval(-Double(days) * 86_400)
                for (job, rows) in try ledger.retention.purgeExceptions(before: before, dryRun: dryRun) {
                    report.removed.append(PurgeReport.Item(kind: "exceptions", job: job, rows: rows))
                }
            }
        } catch {
            // What was removed before the error stays removed: audited all the same, and the daily clock moves on.
            if !dryRun {
                try? ledger.audit.record(
                    "purge", detail: report.summary + "; stopped: " + LogSafe.describe(error), actor: actor,
                    target: nil,
                    at: now)
            }
            throw error
        }
        if !dryRun {
            try ledger.audit.record("purge", detail: report.summary, actor: actor, target: nil, at: now)
            logger.notice(
                "retention purge",
                metadata: [
                    "purge.removed": "\(report.removed.count)", "purge.bytes": "\(report.bytes)",
                    "purge.kept": "\(report.kept.count)",
                ])
        }
        return report
    }

    /// The daemon's daily purge: run when `retention:` is configured and the last purge (the audit trail's newest
    /// `purge`, by the daemon or `dropgate purge`) is 24 hours old or more. A failure is logged and audited with
    /// what it removed, and the purge runs again a day later.
    func purgeIfDue(now: Date) {
        guard !config.retention.isEmpty else { return }
        do {
            if let last = try ledger.audit.lastRecorded("purge"), now.timeIntervalSince(last) < 86_400 { return }
            _ = try purge(dryRun: false, actor: nil, now: now)
        } catch {
            logger.error(
                "retention purge failed; what it removed is audited, and it runs again in a day",
                metadata: ["error": "\(LogSafe.describe(error))"])
        }
    }

    /// The regular files under `root` (its subfolders' files when not `recursive`: `Staging/<source>/<file>`),
    /// sorted by path; names starting with `.` are included only in staging's partial copies (`.incoming.*`).
    private static func files(under root: String, recursive: Bool) throws -> [(String, FileSystem.Entry)] {
        guard FileSystem.isDirectory(root) else { return [] }
        var found: [(String, FileSystem.Entry)] = []
        func walk(_ folder: String, depth: Int) throws {
            for entry in try FileSystem.list(folder) {
                let path = folder + "/" + entry.name
                if entry.kind == .directory, recursive || depth == 0 {
                    try walk(path, depth: depth + 1)
                } else if entry.isRegularFile, depth > 0,
                    !entry.name.hasPrefix(".") || entry.name.hasPrefix(Stager.temporaryPrefix)
                {
                    found.append((path, entry))
                }
            }
        }
        try walk(root, depth: 0)
        return found.sorted { $0.0 < $1.0 }
    }

    /// Removes the folders under `root` (not `root`) that the purge left empty.
    private static func removeEmptyFolders(under root: String) {
        guard let entries = try? FileSystem.list(root) else { return }
        for entry in entries where entry.kind == .directory {
            let path = root + "/" + entry.name
            removeEmptyFolders(under: path)
            if (try? FileSystem.list(path))?.isEmpty == true { try? FileSystem.removeDirectory(path) }
        }
    }
}
