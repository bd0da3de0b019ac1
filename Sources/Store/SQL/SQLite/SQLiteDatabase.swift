import GRDB

/// The embedded store: one SQLite file in WAL mode through a GRDB `DatabasePool`.
struct SQLiteDatabase: SQLDatabase {
    /// The pool (backups, migrations and the hot-path sessions use it directly).
    let pool: DatabasePool

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteConnection(db)) }
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.write { db in try body(SQLiteConnection(db)) }
    }

    func writeLosable<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try write(body)
    }

    func writeWithoutTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in try body(SQLiteConnection(db)) }
    }
}
