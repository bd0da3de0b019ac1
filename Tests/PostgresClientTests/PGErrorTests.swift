import TestThreads
import Testing

@testable import PostgresClient

/// Classification and redaction, without a server.
@Suite(.blocking) struct PGErrorTests {
    @Test(arguments: [
        ("08006", PGError.Kind.connection), ("08001", .connection), ("57P01", .connection), ("57P02", .connection),
        ("57P03", .connection), ("57014", .other), ("40001", .serialization), ("40P01", .serialization),
        ("23505", .uniqueViolation), ("23503", .other), ("55P03", .lockNotAvailable), ("42601", .other),
    ])
    func sqlStatesAreClassified(sqlState: String, kind: PGError.Kind) {
        #expect(PGError.kind(sqlState: sqlState, connectionBad: false) == kind)
    }

    @Test func aBadConnectionIsAConnectionErrorWhateverTheState() {
        #expect(PGError.kind(sqlState: nil, connectionBad: true) == .connection)
        #expect(PGError.kind(sqlState: "23505", connectionBad: true) == .connection)
        #expect(PGError.kind(sqlState: nil, connectionBad: false) == .other)
    }

    @Test func dataExceptionsLoseTheirQuotedInput() {
        #expect(
            PGError.redacted("invalid input syntax for type date: \"1999-13-45\"", sqlState: "22007")
                == "invalid input syntax for type date: \"…\"")
        #expect(PGError.redacted("a \"b\" c \"d", sqlState: "22P02") == "a \"…\" c \"…")
        let unique = "duplicate key value violates unique constraint \"students_pkey\""
        #expect(PGError.redacted(unique, sqlState: "23505") == unique)
        #expect(PGError.redacted("x \"y\"", sqlState: nil) == "x \"y\"")
    }

    @Test func theDescriptionNamesStateAndStatement() {
        let error = PGError(.other, message: "boom", sqlState: "XX000", sql: "SELECT 1")
        #expect(error.description == "boom (SQLSTATE XX000) in SELECT 1")
        #expect(PGError(.connection, message: "gone").description == "gone")
    }
}
