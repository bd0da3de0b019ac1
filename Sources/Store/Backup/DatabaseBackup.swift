import Foundation
import GRDB
import Transport
import Values

/// A backup copy of the database, named after the time it was taken (`dropgate-20261202T031500Z.sqlite`).
public struct DatabaseBackup: Sendable, Equatable {
    /// The copy's path.
    public let path: String
    /// When it was taken, from its name.
    public let takenAt: Date
    /// Its size in bytes.
    public let size: Int64

    static let prefix = "dropgate-"
    static let suffix = ".sqlite"

    /// The backups in `folder`, oldest first; other files are left out.
    public static func list(in folder: String) throws -> [DatabaseBackup] {
        guard FileSystem.exists(folder) else { return [] }
        return try FileSystem.list(folder).compactMap { entry -> DatabaseBackup? in
            guard entry.isRegularFile, let takenAt = takenAt(name: entry.name) else { return nil }
            return DatabaseBackup(path: folder + "/" + entry.name, takenAt: takenAt, size: entry.size)
        }
        // Within one second `-2` follows the plain name: shorter names first.
        .sorted { ($0.takenAt, $0.path.utf8.count, $0.path) < ($1.takenAt, $1.path.utf8.count, $1.path) }
    }

    /// Removes all but the newest `keep` backups in `folder`.
    ///
    /// - Returns: the removed backups.
    public static func prune(_ folder: String, keep: Int) throws -> [DatabaseBackup] {
        let backups = try list(in: folder)
        let removed = Array(backups.dropLast(max(keep, 0)))
        for backup in removed { try FileSystem.remove(backup.path) }
        return removed
    }

    /// The name a backup taken at `date` gets (UTC, to the second: `dropgate-20261202T031500Z.sqlite`).
    static func name(takenAt date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let stamp =
            "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
        return prefix + stamp + suffix
    }

    /// The time in a backup's name, or `nil` when the name is not a backup's.
    static func takenAt(name: String) -> Date? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        // `-N` follows the stamp of a second backup taken in the same second.
        let stamp = Array(name.utf8.dropFirst(prefix.count).prefix(16))
        guard stamp.count == 16, stamp[8] == UInt8(ascii: "T"), stamp[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: stamp[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        return calendar.date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()
}

extension Ledger {
    /// Writes a consistent copy of the database into `folder` while other processes keep using it (SQLite's
    /// online backup API, from one read snapshot), checks it with `PRAGMA integrity_check`, and names it
    /// after the time it was taken. The copy appears whole (temporary name, fsync, rename) with mode 0600.
    ///
    /// - Throws: ``StoreError`` (`.invalidBackup`) when the copy fails its check (it is removed), or the
    ///   file system's and SQLite's errors.
    public func backup(into folder: String, now: Date = Date()) throws -> DatabaseBackup {
        try FileSystem.makeDirectories(folder)
        let first = DatabaseBackup.name(takenAt: now)
        var name = first
        var sequence = 1
        while FileSystem.exists(folder + "/" + name) {
            sequence += 1
            name = first.dropLast(DatabaseBackup.suffix.count) + "-\(sequence)" + DatabaseBackup.suffix
        }
        let temporary = folder + "/." + name + ".tmp"
        try FileSystem.remove(temporary)
        FileSystem.close(try FileSystem.createExclusive(temporary, mode: 0o600))
        do {
            let copy = try DatabaseQueue(path: temporary)
            try pool.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                // One self-contained file: no -wal beside it.
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
            try Self.checkIntegrity(of: temporary)
            try FileSystem.sync(path: temporary)
        } catch {
            try? FileSystem.remove(temporary)
            throw error
        }
        let path = folder + "/" + name
        try FileSystem.rename(temporary, to: path)
        try FileSystem.syncDirectory(folder)
        return DatabaseBackup(path: path, takenAt: now, size: try FileSystem.status(path).size)
    }

    /// Runs `PRAGMA integrity_check` on a database file, read-only.
    ///
    /// - Throws: ``StoreError`` (`.invalidBackup`) naming the first problems SQLite found.
    static func checkIntegrity(of path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let problems: [String]
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch let error as DatabaseError {
            throw StoreError(
                .invalidBackup, "\(path) is not a readable SQLite database: \(error.message ?? "\(error)")")
        }
        guard problems == ["ok"] else {
            throw StoreError(
                .invalidBackup, "\(path) fails SQLite's integrity check: \(problems.prefix(3).joined(separator: "; "))")
        }
    }
}
