import GRDB

/// The database schema, only ever changed through named migrations, in the order they run.
enum Migrations {
    /// Every migration, oldest first. New ones go at the end.
    static let all: [Migration] = [
        .v1Ledger, .v1SIS, .v2IReady, .v3Services, .v4Eligibility, .v5SourceHealth, .v6Deliveries, .v7Claims,
        .v8Remittance, .v9SeenFiles, .v10JobLeases, .v11ClaimAcknowledgments, .v12RemittanceSets,
        .v13DistrictRules, .v14ClaimReview, .v15ConsoleAudit, .v16Alerts, .v17Practitioners, .v18JobReplay,
        .v19AlertClose, .v20QualityScore, .v21RemittanceRemarks,
    ]

    /// Tables the gateway fills itself, never a mapping: every table but these is a domain table.
    static let ledgerTables: Set<String> = all.reduce(into: []) { $0.formUnion($1.ledgerTables) }

    /// A migrator registering ``all``.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }
}
