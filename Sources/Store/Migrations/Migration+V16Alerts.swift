extension Migration {
    /// Alerts (one row per episode of a condition: opened once, closed once) and the notifications each episode
    /// owes its channels, kept until sent.
    static let v16Alerts = Migration(
        name: "v16-alerts",
        ledgerTables: ["alerts", "alert_notifications"],
        sql: """
            CREATE TABLE alerts (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL,
                condition TEXT NOT NULL,
                source TEXT NOT NULL,
                subject TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
                opened_at TEXT NOT NULL,
                closed_at TEXT,
                reminded_at TEXT,
                last_notified_at TEXT,
                detail TEXT NOT NULL
            ) STRICT;
            CREATE UNIQUE INDEX alerts_open_key ON alerts(key) WHERE state = 'open';
            CREATE TABLE alert_notifications (
                id INTEGER PRIMARY KEY,
                alert_id INTEGER NOT NULL REFERENCES alerts(id),
                event TEXT NOT NULL CHECK (event IN ('opened', 'closed', 'reminder')),
                channel TEXT NOT NULL,
                created_at TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                last_error TEXT,
                sent_at TEXT
            ) STRICT;
            CREATE INDEX alert_notifications_pending ON alert_notifications(next_attempt_at) WHERE sent_at IS NULL;
            """)
}
