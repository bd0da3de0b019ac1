import PostgresClient
import PostgresSupport
import TestThreads
import Testing

/// A PostgreSQL restart under an open connection. The suite has its own server (a restart would break other
/// suites' tests) and runs its tests one at a time (each restarts it).
@Suite(.serialized, .sharedPostgres, .blocking) struct PGRestartTests {
    @Test func aRestartIsAConnectionErrorAndResetReconnects() throws {
        let server = try SharedPostgres.server
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE t (id int)")
        try connection.prepare(name: "insert", sql: "INSERT INTO t VALUES ($1)")
        try connection.execute(prepared: "insert", [.text("1")])

        try server.restart()
        let error = try #require(throws: PGError.self) { try connection.execute("SELECT 1") }
        #expect(error.kind == .connection, "\(error)")
        #expect(!connection.isConnected)

        try connection.reset()
        #expect(connection.isConnected)
        try connection.execute(prepared: "insert", [.text("2")])
        let result = try connection.execute("SELECT id FROM t ORDER BY id")
        #expect((0..<result.rowCount).map { result.text(row: $0, column: 0) } == ["1", "2"])
    }

    @Test func aTransactionOpenAcrossARestartIsRolledBack() throws {
        let server = try SharedPostgres.server
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE t (id int)")
        try connection.execute("BEGIN")
        try connection.execute("INSERT INTO t VALUES (1)")
        try server.restart()
        let error = try #require(throws: PGError.self) { try connection.execute("COMMIT") }
        #expect(error.kind == .connection, "\(error)")
        try connection.reset()
        #expect(try connection.execute("SELECT count(*) FROM t").text(row: 0, column: 0) == "0")
    }

    @Test func aRestartDuringACopyIsAConnectionErrorAndNothingIsCopied() throws {
        let server = try SharedPostgres.server
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE t (id int, note text)")
        var rowsWritten = 0
        let error = try #require(throws: PGError.self) {
            try connection.copy("COPY t (id, note) FROM STDIN") { writer in
                for id in 0..<200_000 {
                    if id == 1_000 { try server.restart() }
                    try writer.appendRow([String(id), "note \(id)"])
                    rowsWritten += 1
                }
            }
        }
        #expect(error.kind == .connection, "\(error)")
        #expect(rowsWritten < 200_000, "the failed send should stop the writer")
        try connection.reset()
        #expect(try connection.execute("SELECT count(*) FROM t").text(row: 0, column: 0) == "0")
    }
}
