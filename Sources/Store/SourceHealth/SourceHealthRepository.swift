import GRDB

/// How each polled source and delivery peer is doing (backoff and circuit state), one row each.
public struct SourceHealthRepository: Sendable {
    let pool: DatabasePool

    /// The health of a source (a fresh `ok` record when never polled).
    public func health(of source: String) throws -> SourceHealth {
        try pool.read { db in try SourceHealth.fetchOne(db, key: source) } ?? SourceHealth(source: source)
    }

    /// Every source's health.
    public func allHealth() throws -> [SourceHealth] {
        try pool.read { db in try SourceHealth.order(Column("source")).fetchAll(db) }
    }

    /// Stores a source's health.
    public func save(_ health: SourceHealth) throws {
        try pool.write { db in try health.save(db) }
    }
}
