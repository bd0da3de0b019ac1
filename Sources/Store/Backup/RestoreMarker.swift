import Foundation
import Transport
import Values

/// `<database>.restore-pending`: written by `dropgate restore` before it swaps the database and removed once the
/// restored ledger is brought up to date. While it exists the database is a backup not yet recovered, so no
/// process opens it (``StoreErrorCode/restoreIncomplete``) until `dropgate restore --resume` finishes the work.
struct RestoreMarker: Codable, Sendable {
    /// The backup restored.
    var backup: String
    /// Where the replaced database was set aside, if there was one.
    var replacedPath: String?
    /// Jobs in the backup and its highest job id.
    var backupJobCount: Int
    var backupLastJobID: Int64
    /// When the restore started (ISO 8601).
    var startedAt: String

    static func path(of database: String) -> String { database + ".restore-pending" }

    /// The marker of an unfinished restore of `database`, if there is one.
    ///
    /// - Throws: ``StoreError`` when the marker cannot be read (it is never ignored).
    static func pending(for database: String) throws -> RestoreMarker? {
        let path = path(of: database)
        guard FileSystem.exists(path) else { return nil }
        do {
            return try JSONDecoder().decode(RestoreMarker.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw StoreError(.restoreIncomplete, "\(path) marks an unfinished restore but cannot be read: \(error)")
        }
    }

    /// Writes the marker durably beside `database`.
    func write(for database: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFileWriter.write(
            String(decoding: try encoder.encode(self), as: UTF8.self), to: Self.path(of: database), mode: 0o600)
    }

    /// Removes the marker of `database`: the restore is complete.
    static func remove(for database: String) throws {
        try FileSystem.remove(path(of: database))
        try FileSystem.syncDirectory(FileSystem.directory(of: database))
    }

    /// The error every process opening the database gets while the marker exists.
    func blocking(_ database: String) -> StoreError {
        StoreError(
            .restoreIncomplete,
            "a restore of \(backup) over \(database) started \(startedAt) did not finish; run `dropgate restore --resume` to finish it before anything else opens the database"
        )
    }
}
