/// What happened to the rows of a file. `read == inserted + updated + unchanged + stale + rejected`.
public struct LoadCounts: Sendable, Equatable, Codable {
    /// Data rows read.
    public var read = 0
    /// New keys.
    public var inserted = 0
    /// Changed keys.
    public var updated = 0
    /// Identical rows.
    public var unchanged = 0
    /// Rows older (by the mapping's `modified` field) than the stored record: not loaded, not rejected.
    public var stale = 0
    /// Rows not loaded because of an error.
    public var rejected = 0
    /// Warnings (rows loaded).
    public var warnings = 0
    /// (Replays) rows the superseded job had loaded that this job no longer produces: removed, or kept and
    /// reported when a claim bills them. Not rows of the file, so not part of ``balances``.
    public var removed = 0

    /// Creates zero counts.
    public init() {}

    /// Whether every row read is accounted for (DESIGN §4.7).
    public var balances: Bool { read == inserted + updated + unchanged + stale + rejected }
}
