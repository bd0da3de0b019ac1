import Foundation
import Synchronization

/// The store the Gateway tests run on: SQLite, or PostgreSQL when `DROPGATE_TEST_STORE=postgres`
/// (`scripts/test` runs them once each way). The PostgreSQL server is one for the whole test process, started on
/// first use and stopped when the process exits; each workspace takes a fresh database on it.
public enum TestStore {
    /// Whether this run's tests use PostgreSQL.
    public static let isPostgres = ProcessInfo.processInfo.environment["DROPGATE_TEST_STORE"] == "postgres"

    private static let server = Mutex<Result<PostgresServer, any Error>?>(nil)

    /// A new, empty database on the process's server, and a file holding the password.
    public static func makeDatabase() throws -> (url: String, passwordFile: String) {
        let server = try self.server.withLock { server in
            if server == nil {
                server = Result { try PostgresServer() }
                atexit { TestStore.stop() }
            }
            return try server!.get()
        }
        let passwordFile = server.root + "/client-password"
        if !FileManager.default.fileExists(atPath: passwordFile) {
            try server.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        }
        return (try server.makeDatabase(), passwordFile)
    }

    private static func stop() {
        if case .success(let server) = server.withLock({ $0 }) { server.stop() }
    }
}
