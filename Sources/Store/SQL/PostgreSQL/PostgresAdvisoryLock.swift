import Foundation
import PostgresClient

/// A session-level advisory lock on a connection of its own: held while the connection lives, released by
/// ``unlock()`` or by the server when the holder's connection ends (a crashed gateway).
final class PostgresAdvisoryLock: HeldLock, @unchecked Sendable {
    private let key: Int64
    private let lock = NSLock()
    private var connection: PGConnection?

    init(connection: PGConnection, key: Int64) {
        self.connection = connection
        self.key = key
    }

    /// Asks the server: the lock is held while its connection answers and the server lists it as this
    /// session's.
    var isHeld: Bool {
        lock.withLock {
            guard let connection else { return false }
            let held = try? connection.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted")
            return held?.text(row: 0, column: 0).flatMap(Int.init).map { $0 > 0 } ?? false
        }
    }

    func unlock() {
        let connection = lock.withLock {
            defer { self.connection = nil }
            return self.connection
        }
        _ = try? connection?.execute("SELECT pg_advisory_unlock($1)", [.text(String(key))])
        connection?.close()
    }

    deinit {
        connection?.close()
    }

    /// The lock's key for a name: FNV-1a, 64 bits, the same in every process.
    static func key(_ name: String) -> Int64 {
        Int64(bitPattern: name.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
    }
}

extension PostgresDatabase {
    /// Takes the advisory lock named `name` on a new connection, waiting for it when `wait`.
    ///
    /// - Returns: the held lock, or `nil` when another session holds it and `wait` is false.
    func advisoryLock(_ name: String, wait: Bool) throws -> PostgresAdvisoryLock? {
        let key = PostgresAdvisoryLock.key(name)
        let connection = try connect()
        do {
            let result = try connection.execute(
                wait ? "SELECT pg_advisory_lock($1), true" : "SELECT true, pg_try_advisory_lock($1)",
                [.text(String(key))])
            guard result.text(row: 0, column: 1) == "t" else {
                connection.close()
                return nil
            }
            return PostgresAdvisoryLock(connection: connection, key: key)
        } catch {
            connection.close()
            throw error
        }
    }
}
