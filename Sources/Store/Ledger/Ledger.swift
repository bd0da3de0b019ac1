import CSQLiteTuning
import Foundation
import GRDB
import Logging
import Transport
import Values

/// The database: job ledger, exceptions, audit trail and domain tables, reached through one repository per
/// area over one ``SQLDatabase``.
///
/// Embedded, it is one SQLite file: a `DatabasePool` in WAL mode, shared by the daemon and CLI processes
/// (busy timeout), created with mode 0600 because domain tables hold student data. Shared by several
/// gateways, it is a PostgreSQL database (``init(postgres:password:logger:)``). Each repository is a small
/// value over the database; each of its methods is one transaction (a job's whole load in
/// ``JobRepository/load(jobID:district:target:fields:existing:modified:supersedes:lease:_:)``, a claim build in
/// ``ClaimRepository/buildClaims(_:)``).
///
/// The repositories are the seam (DESIGN §9): nothing above them knows which database answers. Backups and
/// restores exist for SQLite only; on PostgreSQL they throw ``StoreErrorCode/unsupported``.
public final class Ledger: Sendable {
    /// Path of the database file, or the PostgreSQL URL (which never holds the password).
    public let path: String
    /// Jobs: registration, attempts, state changes, exceptions.
    public let jobs: JobRepository
    /// Domain tables' contents, for lookups.
    public let domain: DomainRepository
    /// Claim batches, claims and their lines; control numbers.
    public let claims: ClaimRepository
    /// Applied 835 payments and the claims they remitted.
    public let remittance: RemittanceRepository
    /// Outbox files handed to destinations.
    public let deliveries: DeliveryRepository
    /// Polled sources' and delivery peers' health.
    public let sources: SourceHealthRepository
    /// Files sources left in place once taken.
    public let seen: SeenFileRepository
    /// The audit trail.
    public let audit: AuditRepository
    /// Alerts and their notifications.
    public let alerts: AlertRepository
    /// What retention must keep; expired exception rows.
    public let retention: RetentionRepository
    /// The SQLite pool; `nil` on PostgreSQL.
    private let sqlitePool: DatabasePool?
    /// The database the repositories share.
    let database: any SQLDatabase
    let logger: Logger
    /// The use lock, held shared while this ledger is open (`nil` for the ledger a restore opens under its
    /// exclusive hold).
    private let useLock: FileLock?

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    ///
    /// Holds the database's use lock shared while open, waiting while `dropgate restore` replaces the file.
    ///
    /// - Throws: ``StoreError`` (`.restoreIncomplete` while a restore of it is unfinished) or GRDB's
    ///   `DatabaseError` when the file cannot be opened or migrated.
    public convenience init(path: String, logger: Logger = Logger(label: "dropgate.store")) throws {
        try self.init(path: path, logger: logger, useLock: .shared)
    }

    /// Opens the database holding its use lock in `useLock` mode, or not at all (`nil`: the caller holds it).
    convenience init(path: String, logger: Logger, useLock mode: FileLock.Mode?) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let useLock = try mode.map { try FileLock.locking(Self.useLockPath(of: path), mode: $0) }
        if mode != nil, let marker = try RestoreMarker.pending(for: path) {
            useLock?.unlock()
            throw marker.blocking(path)
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
        let pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(pool)
        self.init(
            path: path, logger: logger, useLock: useLock, sqlitePool: pool, database: SQLiteDatabase(pool: pool))
    }

    /// Opens a PostgreSQL database shared with other gateways and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - url: `postgres://user@host:port/database`, without the password.
    ///   - password: the password, from the environment or a file (never from the configuration file).
    /// - Throws: `PGError` when the server cannot be reached or refuses the login; ``StoreError`` when its
    ///   schema is newer than this build.
    public convenience init(
        postgres url: String, password: String?, logger: Logger = Logger(label: "dropgate.store")
    ) throws {
        self.init(
            path: url, logger: logger, useLock: nil, sqlitePool: nil,
            database: try PostgresDatabase(conninfo: url, password: password))
    }

    /// The repositories over an open database.
    private init(
        path: String, logger: Logger, useLock: FileLock?, sqlitePool: DatabasePool?, database: any SQLDatabase
    ) {
        self.path = path
        self.logger = logger
        self.useLock = useLock
        self.sqlitePool = sqlitePool
        self.database = database
        jobs = JobRepository(database: database)
        domain = DomainRepository(database: database)
        claims = ClaimRepository(database: database)
        remittance = RemittanceRepository(database: database)
        deliveries = DeliveryRepository(database: database)
        sources = SourceHealthRepository(database: database)
        seen = SeenFileRepository(database: database)
        audit = AuditRepository(database: database)
        alerts = AlertRepository(database: database)
        retention = RetentionRepository(database: database)
    }

    /// The SQLite pool, for what exists on SQLite only (backups, restores).
    ///
    /// - Throws: ``StoreError`` (`.unsupported`) on PostgreSQL.
    var pool: DatabasePool {
        get throws {
            guard let sqlitePool else {
                throw StoreError(.unsupported, "this needs the SQLite store; the database is PostgreSQL")
            }
            return sqlitePool
        }
    }

    /// `.locks/<database file>.use` beside the database: held shared by every process that has the database
    /// open, exclusively by `dropgate restore` while it replaces the file.
    static func useLockPath(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + ".locks/" + name + ".use"
    }

    /// Whether the database answers and every migration this build knows has run (the console's `/readyz`).
    public func isReady() -> Bool {
        if let postgres = database as? PostgresDatabase { return postgres.isReady() }
        return (try? pool.read { db in try Migrations.migrator.hasCompletedMigrations(db) }) ?? false
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
        try Migrations.migrator.migrate(queue)
        return try queue.read { db in
            var tables: [String: DomainTable] = [:]
            let names = try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%'"
            )
            for name in names where !Migrations.ledgerTables.contains(name) {
                let columns = try db.columns(in: name)
                let key = columns.filter { $0.primaryKeyIndex > 0 }.sorted { $0.primaryKeyIndex < $1.primaryKeyIndex }
                tables[name] = DomainTable(
                    name: name, columns: columns.map(\.name), key: key.map(\.name))
            }
            return tables
        }
    }
}
