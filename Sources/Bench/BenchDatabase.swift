/// A benchmark run against a PostgreSQL database rather than a scratch SQLite file.
public enum BenchDatabase {
    /// The environment variable its password is read from.
    public static let passwordVariable = "DROPGATE_DATABASE_PASSWORD"
}
