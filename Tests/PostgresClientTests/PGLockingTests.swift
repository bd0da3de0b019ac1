import Foundation
import PostgresClient
import PostgresSupport
import TestThreads
import Testing

/// Row locks, advisory locks and serialization failures between two connections to one database.
@Suite(.sharedPostgres, .blocking) struct PGLockingTests {
    /// Two connections to one new database with a `jobs` table holding ids 1, 2 and 3.
    private func twoConnections() throws -> (PGConnection, PGConnection) {
        let (first, url) = try SharedPostgres.connectToFreshDatabase()
        try first.execute("CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL)")
        try first.execute("INSERT INTO jobs VALUES (1, 'new'), (2, 'new'), (3, 'new')")
        return (first, try PGConnection(conninfo: url, password: SharedPostgres.server.password))
    }

    @Test func skipLockedSkipsARowLockedByAnotherConnection() throws {
        let (first, second) = try twoConnections()
        let claim = "SELECT id FROM jobs WHERE state = 'new' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
        try first.execute("BEGIN")
        #expect(try first.execute(claim).text(row: 0, column: 0) == "1")
        try second.execute("BEGIN")
        #expect(try second.execute(claim).text(row: 0, column: 0) == "2")
        let rest = try second.execute("SELECT id FROM jobs ORDER BY id FOR UPDATE SKIP LOCKED")
        #expect((0..<rest.rowCount).map { rest.text(row: $0, column: 0) } == ["2", "3"])
        try second.execute("COMMIT")
        try first.execute("COMMIT")
        try second.execute("BEGIN")
        #expect(try second.execute(claim).text(row: 0, column: 0) == "1")
        try second.execute("ROLLBACK")
    }

    @Test func noWaitOnALockedRowIsLockNotAvailable() throws {
        let (first, second) = try twoConnections()
        try first.execute("BEGIN")
        try first.execute("SELECT id FROM jobs WHERE id = 1 FOR UPDATE")
        try second.execute("BEGIN")
        let error = try #require(throws: PGError.self) {
            try second.execute("SELECT id FROM jobs WHERE id = 1 FOR UPDATE NOWAIT")
        }
        #expect(error.sqlState == "55P03")
        #expect(error.kind == .lockNotAvailable)
        try second.execute("ROLLBACK")
        try first.execute("ROLLBACK")
    }

    @Test func aConcurrentUpdateUnderRepeatableReadIsASerializationFailure() throws {
        let (first, second) = try twoConnections()
        try first.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        #expect(try first.execute("SELECT state FROM jobs WHERE id = 1").text(row: 0, column: 0) == "new")
        try second.execute("UPDATE jobs SET state = 'taken' WHERE id = 1")
        let error = try #require(throws: PGError.self) {
            try first.execute("UPDATE jobs SET state = 'mine' WHERE id = 1")
        }
        #expect(error.sqlState == "40001")
        #expect(error.kind == .serialization)
        try first.execute("ROLLBACK")
        #expect(try first.execute("SELECT state FROM jobs WHERE id = 1").text(row: 0, column: 0) == "taken")
    }

    @Test func anAdvisoryLockIsExclusiveAndGoesWithItsConnection() throws {
        let (first, second) = try twoConnections()
        let tryLock = "SELECT pg_try_advisory_lock($1::bigint)"
        #expect(try first.execute(tryLock, [.text("4242")]).text(row: 0, column: 0) == "t")
        #expect(try second.execute(tryLock, [.text("4242")]).text(row: 0, column: 0) == "f")
        #expect(try second.execute(tryLock, [.text("4243")]).text(row: 0, column: 0) == "t")
        first.close()
        // The server releases the lock when the closed connection's backend exits, a moment after the close.
        let deadline = Date().addingTimeInterval(5)
        var acquired = false
        while !acquired && Date() < deadline {
            acquired = try second.execute(tryLock, [.text("4242")]).text(row: 0, column: 0) == "t"
            if !acquired { usleep(20_000) }
        }
        #expect(acquired)
    }
}
