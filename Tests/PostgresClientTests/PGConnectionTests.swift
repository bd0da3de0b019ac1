import PostgresClient
import PostgresSupport
import TestThreads
import Testing

/// Connecting, parameters, results and errors against a real server.
@Suite(.sharedPostgres, .blocking) struct PGConnectionTests {
    @Test func connectsWithThePasswordAsDropgate() throws {
        let server = try SharedPostgres.server
        let connection = try PGConnection(conninfo: server.url, password: server.password)
        #expect(connection.isConnected)
        let result = try connection.execute(
            "SELECT current_user, current_setting('application_name'), current_setting('client_encoding')")
        #expect(result.text(row: 0, column: 0) == "dropgate")
        #expect(result.text(row: 0, column: 1) == "dropgate")
        #expect(result.text(row: 0, column: 2) == "UTF8")
    }

    @Test func aWrongPasswordIsRefusedWithoutEchoingIt() throws {
        let server = try SharedPostgres.server
        let wrong = "not-the-password-\(server.port)"
        let error = try #require(throws: PGError.self) { try PGConnection(conninfo: server.url, password: wrong) }
        #expect(error.kind == .connection)
        #expect(error.message.contains("password authentication failed"), "\(error)")
        #expect(!error.description.contains(wrong))
        #expect(!error.description.contains(server.password))
    }

    @Test func noPasswordIsRefused() throws {
        let server = try SharedPostgres.server
        let error = try #require(throws: PGError.self) { try PGConnection(conninfo: server.url, password: nil) }
        #expect(error.kind == .connection)
        #expect(error.message.contains("password"), "\(error)")
    }

    @Test func aServerThatIsNotThereIsAConnectionError() throws {
        let server = try SharedPostgres.server
        let error = try #require(throws: PGError.self) {
            try PGConnection(conninfo: "postgres://dropgate@127.0.0.1:1/dropgate", password: server.password)
        }
        #expect(error.kind == .connection)
        #expect(error.message.contains("127.0.0.1"), "\(error)")
    }

    @Test func parametersIncludingNullAndUnicode() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        let unicode = "Zoë Ångström – 東京 🩺 👩🏽‍⚕️ \u{0301}e"
        let result = try connection.execute(
            "SELECT $1::int + 1 AS next, $2::text IS NULL AS missing, $3::text AS name, $4::text AS absent, 'x'",
            [.text("41"), nil, .text(unicode), nil])
        #expect(result.rowCount == 1)
        #expect(result.columnNames == ["next", "missing", "name", "absent", "?column?"])
        #expect(result.columnTypes == [23, 16, 25, 25, 25])
        #expect(result.text(row: 0, column: 0) == "42")
        #expect(result.text(row: 0, column: 1) == "t")
        #expect(result.text(row: 0, column: 2) == unicode)
        #expect(result.text(row: 0, column: 3) == nil)
        #expect(result.text(row: 0, column: 4) == "x")
    }

    @Test func unicodeAndEmptyTextRoundTripThroughATable() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE names (id int PRIMARY KEY, name text)")
        let names = ["", " ", "O'Brien \"Jr\"", "Łukasz Żółć", "مرحبا", "tab\there\nnewline\\back", "🧑‍🎓"]
        for (id, name) in names.enumerated() {
            try connection.execute("INSERT INTO names VALUES ($1, $2)", [.text(String(id)), .text(name)])
        }
        let result = try connection.execute("SELECT name FROM names ORDER BY id")
        #expect(result.rowCount == names.count)
        #expect((0..<result.rowCount).map { result.text(row: $0, column: 0) } == names)
    }

    @Test func byteaRoundTripsEveryByteValue() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE blobs (id int PRIMARY KEY, data bytea)")
        let values: [[UInt8]?] = [Array(0...255), [], [0], nil, Array(repeating: 0xff, count: 100_000)]
        for (id, value) in values.enumerated() {
            try connection.execute("INSERT INTO blobs VALUES ($1, $2)", [.text(String(id)), value.map { .bytes($0) }])
        }
        let result = try connection.execute("SELECT data, length(data) FROM blobs ORDER BY id")
        #expect(result.columnTypes == [17, 23])
        for (row, value) in values.enumerated() {
            #expect(try result.bytes(row: row, column: 0) == value)
            #expect(result.text(row: row, column: 1) == value.map { String($0.count) })
        }
        let literal = try connection.execute("SELECT '\\x00ff10'::bytea")
        #expect(try literal.bytes(row: 0, column: 0) == [0x00, 0xff, 0x10])
    }

    @Test func bytesOfATextColumnIsAnError() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        let result = try connection.execute("SELECT 'plain'::text AS name")
        let error = try #require(throws: PGError.self) { try result.bytes(row: 0, column: 0) }
        #expect(error.message == "column name is not bytea hex output")
    }

    @Test func affectedRowsCountWhatTheCommandTouched() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        #expect(try connection.execute("CREATE TABLE jobs (id int PRIMARY KEY, state text)").affectedRows == nil)
        let inserted = try connection.execute("INSERT INTO jobs VALUES (1, 'new'), (2, 'new'), (3, 'done')")
        #expect(inserted.affectedRows == 3)
        #expect(inserted.rowCount == 0)
        #expect(
            try connection.execute("UPDATE jobs SET state = 'held' WHERE state = $1", [.text("new")]).affectedRows == 2)
        #expect(try connection.execute("UPDATE jobs SET state = 'x' WHERE id = 99").affectedRows == 0)
        #expect(try connection.execute("DELETE FROM jobs WHERE id = 3").affectedRows == 1)
        let selected = try connection.execute("SELECT id FROM jobs ORDER BY id")
        #expect(selected.affectedRows == 2)
        #expect(selected.rowCount == 2)
        #expect(try connection.execute("BEGIN").affectedRows == nil)
        #expect(try connection.execute("ROLLBACK").affectedRows == nil)
    }

    @Test func transactionsArePlainStatements() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE t (id int)")
        try connection.execute("BEGIN")
        try connection.execute("INSERT INTO t VALUES (1)")
        try connection.execute("ROLLBACK")
        try connection.execute("BEGIN")
        try connection.execute("INSERT INTO t VALUES (2)")
        try connection.execute("COMMIT")
        let result = try connection.execute("SELECT id FROM t")
        #expect(result.rowCount == 1)
        #expect(result.text(row: 0, column: 0) == "2")
    }

    @Test func aScriptRunsItsStatementsInOrderAndStopsAtTheFirstError() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE t (id int)")
        try connection.execute(script: "BEGIN; SET LOCAL statement_timeout = '1234ms'")
        #expect(try connection.execute("SHOW statement_timeout").text(row: 0, column: 0) == "1234ms")
        let last = try connection.execute(script: "INSERT INTO t VALUES (1); SELECT count(*) FROM t")
        #expect(last.text(row: 0, column: 0) == "1", "the last statement's rows")
        try connection.execute("COMMIT")
        #expect(try connection.execute("SHOW statement_timeout").text(row: 0, column: 0) == "0", "LOCAL ended")
        #expect(throws: PGError.self) {
            try connection.execute(script: "INSERT INTO t VALUES (2); SELEC 1; INSERT INTO t VALUES (3)")
        }
        #expect(try connection.execute("SELECT id FROM t ORDER BY id").rowCount == 1, "a script is one transaction")
    }

    @Test func preparedStatementsRunManyTimes() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE events (id int PRIMARY KEY, note text, data bytea)")
        try connection.prepare(name: "insert_event", sql: "INSERT INTO events VALUES ($1, $2, $3)")
        for id in 0..<500 {
            let note: PGParameter? = id.isMultiple(of: 7) ? nil : .text("note \(id) ✓")
            let inserted = try connection.execute(
                prepared: "insert_event", [.text(String(id)), note, .bytes([UInt8(id % 256), 0])])
            #expect(inserted.affectedRows == 1)
        }
        try connection.prepare(name: "event", sql: "SELECT note, data FROM events WHERE id = $1")
        let seven = try connection.execute(prepared: "event", [.text("7")])
        #expect(seven.text(row: 0, column: 0) == nil)
        let eight = try connection.execute(prepared: "event", [.text("8")])
        #expect(eight.text(row: 0, column: 0) == "note 8 ✓")
        #expect(try eight.bytes(row: 0, column: 1) == [8, 0])
        let count = try connection.execute("SELECT count(*), count(note) FROM events")
        #expect(count.text(row: 0, column: 0) == "500")
        #expect(count.text(row: 0, column: 1) == String(500 - 72))
    }

    @Test func preparingTwiceOrRunningAnUnknownNameFails() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.prepare(name: "one", sql: "SELECT 1")
        let duplicate = try #require(throws: PGError.self) { try connection.prepare(name: "one", sql: "SELECT 2") }
        #expect(duplicate.sqlState == "42P05")
        let unknown = try #require(throws: PGError.self) { try connection.execute(prepared: "two") }
        #expect(unknown.sqlState == "26000")
        #expect(try connection.execute(prepared: "one").text(row: 0, column: 0) == "1")
    }

    @Test func aSyntaxErrorLeavesTheConnectionUsable() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        let error = try #require(throws: PGError.self) { try connection.execute("SELEC 1") }
        #expect(error.sqlState == "42601")
        #expect(error.kind == .other)
        #expect(error.sql == "SELEC 1")
        #expect(error.description == "syntax error at or near \"SELEC\" (SQLSTATE 42601) in SELEC 1")
        #expect(try connection.execute("SELECT 2").text(row: 0, column: 0) == "2")
    }

    @Test func aUniqueViolationIsClassifiedWithoutTheRowValues() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE students (student_id text PRIMARY KEY)")
        let secret = "STU-0042-Ångström"
        try connection.execute("INSERT INTO students VALUES ($1)", [.text(secret)])
        let error = try #require(throws: PGError.self) {
            try connection.execute("INSERT INTO students VALUES ($1)", [.text(secret)])
        }
        #expect(error.kind == .uniqueViolation)
        #expect(error.sqlState == "23505")
        #expect(error.message == "duplicate key value violates unique constraint \"students_pkey\"")
        #expect(!error.description.contains("STU-0042"))
    }

    @Test func aBadValueIsADataExceptionWithTheValueRedacted() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        let error = try #require(throws: PGError.self) {
            try connection.execute("SELECT $1::int", [.text("Jane Doe")])
        }
        #expect(error.sqlState == "22P02")
        #expect(error.message == "invalid input syntax for type integer: \"…\"")
        #expect(!error.description.contains("Jane"))
    }

    @Test func aNulInTextIsRefusedBeforeItIsCutShort() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        let error = try #require(throws: PGError.self) {
            try connection.execute("SELECT $1::text, $2::text", [.text("ok"), .text("a\u{0}b")])
        }
        #expect(error.message == "text parameter $2 contains a NUL byte")
        #expect(error.sqlState == nil)
        #expect(try connection.execute("SELECT 1").rowCount == 1)
    }

    @Test func copyThroughExecuteIsRefusedAndTheConnectionRecovers() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE t (id int)")
        try connection.execute("INSERT INTO t VALUES (1), (2)")
        #expect(throws: PGError.self) { try connection.execute("COPY t FROM STDIN") }
        #expect(throws: PGError.self) { try connection.execute("COPY t TO STDOUT") }
        #expect(try connection.execute("SELECT count(*) FROM t").text(row: 0, column: 0) == "2")
    }

    @Test func aClosedConnectionThrowsAConnectionError() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        connection.close()
        connection.close()
        #expect(!connection.isConnected)
        let error = try #require(throws: PGError.self) { try connection.execute("SELECT 1") }
        #expect(error.kind == .connection)
        #expect(throws: PGError.self) { try connection.reset() }
    }
}
