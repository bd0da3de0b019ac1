import Logging
import Store

extension Gateway {
    /// The configured store: the SQLite file, or the PostgreSQL database with its password read from the
    /// environment or a file.
    static func openLedger(_ config: GatewayConfig, environment: [String: String], logger: Logger) throws -> Ledger {
        guard let url = config.paths.postgresURL else { return try Ledger(path: config.paths.database, logger: logger) }
        let password = try config.paths.databasePassword?.read(environment: environment, for: "the database")
        return try Ledger(postgres: url, password: password, logger: logger)
    }
}
