import PostgresClient
import TestThreads
import Testing

/// One throwaway PostgreSQL server for a whole suite (`@Suite(.sharedPostgres)`), stopped when the suite ends.
///
/// Tests reach it through ``SharedPostgres/server`` and take a fresh database each (``connectToFreshDatabase()``),
/// so they run in parallel without seeing each other's tables.
public struct SharedPostgres: SuiteTrait, TestScoping {
    @TaskLocal public static var current: PostgresServer?

    /// The suite's server.
    public static var server: PostgresServer {
        get throws {
            guard let current else { throw PostgresServerMissing() }
            return current
        }
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // initdb and pg_ctl take seconds: not on the cooperative pool.
        let server = try await onOwnThread(name: "postgres start") { try PostgresServer() }
        defer { server.stop() }
        try await Self.$current.withValue(server) { try await function() }
    }

    /// A connection to a new, empty database on the suite's server.
    public static func connectToFreshDatabase() throws -> (connection: PGConnection, url: String) {
        let server = try server
        let url = try server.makeDatabase()
        return (try PGConnection(conninfo: url, password: server.password), url)
    }
}

extension Trait where Self == SharedPostgres {
    /// Runs the suite against one throwaway PostgreSQL server.
    public static var sharedPostgres: Self { Self() }
}

/// A test that uses ``SharedPostgres/server`` outside a `@Suite(.sharedPostgres)`.
struct PostgresServerMissing: Error, CustomStringConvertible {
    var description: String { "no shared PostgreSQL server: mark the suite @Suite(.sharedPostgres)" }
}
