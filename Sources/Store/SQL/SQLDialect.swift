/// Which SQL a connection speaks, for the few statements the two stores write differently.
enum SQLDialect: Sendable {
    /// SQLite: one writer at a time, so a write transaction's reads are already exclusive.
    case sqlite
    /// PostgreSQL: concurrent writers; rows a decision rests on are locked with `FOR UPDATE`, and rows another
    /// transaction holds are skipped (`SKIP LOCKED`) where waiting would only serialise gateways.
    case postgres

    /// The clause that locks the rows a write transaction reads until it ends and leaves out rows another
    /// transaction has locked (empty on SQLite, whose write transactions exclude each other).
    var forUpdateSkipLocked: String {
        self == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
    }

    /// The clause that locks the rows a write transaction reads until it ends, waiting for another
    /// transaction that holds them (empty on SQLite).
    var forUpdate: String {
        self == .postgres ? " FOR UPDATE" : ""
    }
}
