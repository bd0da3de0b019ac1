import GRDB

/// How each polled source and delivery peer is doing (backoff and circuit state), one row each.
public struct SourceHealthRepository: Sendable {
    let database: any SQLDatabase

    /// The health of a source (a fresh `ok` record when never polled).
    public func health(of source: String) throws -> SourceHealth {
        try database.read { db in try db.fetchOne(SourceHealth.self, key: source) } ?? SourceHealth(source: source)
    }

    /// Every source's health.
    public func allHealth() throws -> [SourceHealth] {
        try database.read { db in try db.fetchAll(SourceHealth.self, orderBy: "source") }
    }

    /// Stores a source's health.
    public func save(_ health: SourceHealth) throws {
        try database.write { db in try db.save(health) }
    }
}
