import CSQLiteTuning
import Foundation
import GRDB
import Logging

/// The SQLite database: job ledger, exceptions, audit trail and domain tables.
///
/// One `DatabasePool` in WAL mode, shared by the daemon and CLI processes (busy timeout), created
/// with mode 0600 because domain tables hold student data.
public final class Ledger: Sendable {
    /// Path of the database file.
    public let path: String
    let pool: DatabasePool
    let logger: Logger

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    ///
    /// - Throws: ``StoreError`` or GRDB's `DatabaseError` when the file cannot be opened or migrated.
    public init(path: String, logger: Logger = Logger(label: "dropgate.store")) throws {
        self.path = path
        self.logger = logger
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        // Create the file ourselves so it is 0600 from its first byte; SQLite gives -wal/-shm the same mode.
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(.sqlite, "cannot create database file \(path): \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
        _ = Self.tuneSQLiteOnce
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
    }

    /// Runs once per process, before the first connection opens SQLite (later calls would be refused).
    private static let tuneSQLiteOnce: Void = {
        _ = dropgate_sqlite_disable_memory_statistics()
    }()

    /// Column names of each domain table, and its key columns, as the migrations define them.
    ///
    /// Used to check that mappings target real tables and columns before anything runs.
    public static func domainTables() throws -> [String: DomainTable] {
        _ = tuneSQLiteOnce
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        return try queue.read { db in
            var tables: [String: DomainTable] = [:]
            // Tables the gateway fills itself, never a mapping.
            let ledgerTables: Set<String> = [
                "jobs", "job_exceptions", "audit", "student_eligibility", "source_health", "deliveries",
                "control_numbers", "claim_batches", "claims", "claim_lines", "billed_services", "remittances",
                "remittance_claims", "acknowledgments",
            ]
            let names = try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%'"
            )
            for name in names where !ledgerTables.contains(name) {
                let columns = try db.columns(in: name)
                let key = columns.filter { $0.primaryKeyIndex > 0 }.sorted { $0.primaryKeyIndex < $1.primaryKeyIndex }
                tables[name] = DomainTable(
                    name: name, columns: columns.map(\.name), key: key.map(\.name))
            }
            return tables
        }
    }
}
