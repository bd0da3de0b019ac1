extension Migration {
    /// Every outbox file handed to a destination, once (delivery, file, sha256).
    static let v6Deliveries = Migration(
        name: "v6-deliveries",
        ledgerTables: ["deliveries"],
        sql: """
            CREATE TABLE deliveries (
                delivery TEXT NOT NULL,
                file TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                destination TEXT NOT NULL,
                bytes INTEGER NOT NULL,
                delivered_at TEXT NOT NULL,
                found_on_destination INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (delivery, file, sha256)
            ) STRICT;
            """)
}
