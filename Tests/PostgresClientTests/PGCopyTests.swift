import PostgresClient
import PostgresSupport
import TestThreads
import Testing

/// `COPY ... FROM STDIN` in text format: escaping, chunking, and failures that leave the connection usable.
@Suite(.sharedPostgres, .blocking) struct PGCopyTests {
    static let awkward: [String?] = [
        "plain", "", nil, "tab\there", "line\nbreak", "carriage\rreturn", "crlf\r\n", "back\\slash", "\\N", "\\.",
        "\\", "\\\\t", "ends with backslash\\", "\t\n\r\\", "Zoë 東京 🩺 👩🏽‍⚕️", "N", "NULL", "'quoted' \"twice\"",
        " padded ", String(repeating: "x\t", count: 1_000),
    ]

    @Test func awkwardTextRoundTripsExactly() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE notes (id int PRIMARY KEY, body text, other text)")
        let copied = try connection.copy("COPY notes (id, body, other) FROM STDIN") { writer in
            for (id, body) in Self.awkward.enumerated() {
                try writer.appendRow([String(id), body, body == nil ? "was null" : nil])
            }
        }
        #expect(copied == Self.awkward.count)
        let result = try connection.execute("SELECT body, other FROM notes ORDER BY id")
        #expect(result.rowCount == Self.awkward.count)
        for (row, body) in Self.awkward.enumerated() {
            #expect(result.text(row: row, column: 0) == body, "row \(row)")
            #expect(result.text(row: row, column: 1) == (body == nil ? "was null" : nil), "row \(row)")
        }
    }

    @Test func manyRowsGoInChunks() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE members (id int PRIMARY KEY, name text, note text)")
        let rows = 20_000
        let copied = try connection.copy("COPY members (id, name, note) FROM STDIN") { writer in
            for id in 0..<rows {
                try writer.appendRow([String(id), "Member \(id)\twith tab", id.isMultiple(of: 3) ? nil : "n\\\(id)"])
            }
        }
        #expect(copied == rows)
        let summary = try connection.execute(
            "SELECT count(*), count(note), sum(length(name)), min(name), max(id) FROM members")
        #expect(summary.text(row: 0, column: 0) == String(rows))
        #expect(summary.text(row: 0, column: 1) == String(rows - (rows + 2) / 3))
        let expectedLength = (0..<rows).reduce(0) { $0 + "Member \($1)\twith tab".count }
        #expect(summary.text(row: 0, column: 2) == String(expectedLength))
        #expect(summary.text(row: 0, column: 4) == String(rows - 1))
        let one = try connection.execute("SELECT name, note FROM members WHERE id = 12346")
        #expect(one.text(row: 0, column: 0) == "Member 12346\twith tab")
        #expect(one.text(row: 0, column: 1) == "n\\12346")
    }

    @Test(arguments: [1, 15_000])
    func aBadIntegerFailsTheCopyAndTheConnectionStaysUsable(badRow: Int) throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE scores (id int, score int)")
        let error = try #require(throws: PGError.self) {
            try connection.copy("COPY scores (id, score) FROM STDIN") { writer in
                for id in 0..<20_000 {
                    try writer.appendRow([String(id), id == badRow ? "Jane Doe" : String(id * 2)])
                }
            }
        }
        #expect(error.sqlState == "22P02")
        #expect(error.kind == .other)
        #expect(error.sql == "COPY scores (id, score) FROM STDIN")
        #expect(!error.description.contains("Jane"), "\(error)")
        #expect(connection.isConnected)
        #expect(try connection.execute("SELECT count(*) FROM scores").text(row: 0, column: 0) == "0")
        let again = try connection.copy("COPY scores (id, score) FROM STDIN") { try $0.appendRow(["1", "2"]) }
        #expect(again == 1)
    }

    @Test func aUniqueViolationInACopyIsClassified() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE ids (id int PRIMARY KEY)")
        let error = try #require(throws: PGError.self) {
            try connection.copy("COPY ids (id) FROM STDIN") { writer in
                try writer.appendRow(["1"])
                try writer.appendRow(["1"])
            }
        }
        #expect(error.kind == .uniqueViolation)
        #expect(try connection.execute("SELECT count(*) FROM ids").text(row: 0, column: 0) == "0")
    }

    struct Stop: Error, Equatable {}

    @Test func anErrorFromTheWriterIsRethrownAndNothingIsCopied() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE t (id int)")
        #expect(throws: Stop()) {
            try connection.copy("COPY t (id) FROM STDIN") { writer in
                for id in 0..<10_000 { try writer.appendRow([String(id)]) }
                throw Stop()
            }
        }
        #expect(try connection.execute("SELECT count(*) FROM t").text(row: 0, column: 0) == "0")
    }

    @Test func aStatementThatIsNotCopyFromStdinIsRefused() throws {
        let (connection, _) = try SharedPostgres.connectToFreshDatabase()
        try connection.execute("CREATE TABLE t (id int)")
        var called = false
        let notCopy = try #require(throws: PGError.self) {
            try connection.copy("SELECT 1") { _ in called = true }
        }
        #expect(notCopy.message == "not a COPY FROM STDIN statement")
        #expect(throws: PGError.self) { try connection.copy("COPY t TO STDOUT") { _ in called = true } }
        let missing = try #require(throws: PGError.self) {
            try connection.copy("COPY missing (id) FROM STDIN") { _ in called = true }
        }
        #expect(missing.sqlState == "42P01")
        #expect(!called)
        #expect(try connection.execute("SELECT 3").text(row: 0, column: 0) == "3")
    }
}
