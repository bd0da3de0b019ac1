import GRDB

/// One named step of the schema (`Migration+V<n><Name>.swift`, one file each), listed in order by
/// ``Migrations``.
///
/// A migration is never edited once released: databases in the field know it by its name and will not run
/// it again. A schema change is a new migration at the end of ``Migrations/all``.
struct Migration: Sendable {
    /// The name GRDB records in `grdb_migrations`.
    let name: String
    /// The tables it creates that the gateway fills itself, never a mapping (see ``Migrations/ledgerTables``).
    let ledgerTables: Set<String>
    /// The statements it runs.
    let sql: String
}
