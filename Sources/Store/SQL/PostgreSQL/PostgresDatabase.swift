import Foundation
import PostgresClient

/// The shared store: a PostgreSQL database several gateways use at once (DESIGN §9), through a small pool
/// of libpq connections.
///
/// Each ``write(_:)`` is one transaction (READ COMMITTED; rows a decision rests on are read `FOR UPDATE`),
/// each ``read(_:)`` one read-only REPEATABLE READ transaction, so a read sees one committed state as it
/// does on SQLite. A connection that failed is closed rather than returned to the pool.
final class PostgresDatabase: SQLDatabase, @unchecked Sendable {
    private let conninfo: String
    private let password: String?
    private let lock = NSLock()
    private var idle: [PGConnection] = []
    private let maximumIdle = 4

    /// Connects to `conninfo` (a `postgres://` URL without its password) and migrates the schema.
    init(conninfo: String, password: String?) throws {
        self.conninfo = conninfo
        self.password = password
        let connection = try PGConnection(conninfo: conninfo, password: password)
        try PostgresSchema.migrate(connection)
        checkIn(connection)
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction("BEGIN", body)
    }

    func writeLosable<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction("BEGIN; SET LOCAL synchronous_commit = off", body)
    }

    func writeWithoutTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try withConnection { try body(PostgresConnection($0)) }
    }

    /// Whether the database answers and its schema is this build's.
    func isReady() -> Bool {
        (try? withConnection { try PostgresSchema.isCurrent($0) }) ?? false
    }

    private func transaction<T>(_ begin: String, _ body: (any SQLConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try connection.execute(script: begin)
            do {
                let result = try body(PostgresConnection(connection))
                try connection.execute("COMMIT")
                return result
            } catch {
                if connection.isConnected { _ = try? connection.execute("ROLLBACK") }
                throw error
            }
        }
    }

    private func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        do {
            let result = try body(connection)
            checkIn(connection)
            return result
        } catch {
            if let failure = error as? PGError, failure.kind == .connection {
                // The server went away (a restart, a failover): the idle connections went with it.
                connection.close()
                for stale in lock.withLock({ () -> [PGConnection] in
                    defer { idle.removeAll() }
                    return idle
                }) { stale.close() }
            } else if connection.isConnected {
                checkIn(connection)
            } else {
                connection.close()
            }
            throw error
        }
    }

    private func checkOut() throws -> PGConnection {
        let pooled = lock.withLock { idle.popLast() }
        if let pooled, pooled.isIdle { return pooled }
        pooled?.close()
        return try connect()
    }

    /// A new connection outside the pool.
    func connect() throws -> PGConnection {
        try PGConnection(conninfo: conninfo, password: password)
    }

    /// Returns `connection` to the pool, unless it is broken or still inside a transaction (a statement
    /// failed between BEGIN and the rollback): that one is closed, so no transaction leaks to its next user.
    private func checkIn(_ connection: PGConnection) {
        guard connection.isIdle else { return connection.close() }
        let kept = lock.withLock {
            guard idle.count < maximumIdle else { return false }
            idle.append(connection)
            return true
        }
        if !kept { connection.close() }
    }
}
