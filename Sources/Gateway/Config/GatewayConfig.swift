import Mapping
import Values

/// The gateway's configuration, read from `dropgate.yaml` (DESIGN §8).
///
/// Relative paths are resolved against the folder holding the configuration file. Secrets are never
/// in the file itself.
public struct GatewayConfig: Sendable {
    /// Where things live.
    public struct Paths: Sendable, Equatable {
        /// Drop folders, one per source (`Inbox/<source>/`).
        public var inbox: String
        /// Receipts, reports and outbound files (`Outbox/<source>/reports/`).
        public var outbox: String
        /// Processed files (`Archive/<source>/<yyyy>/<mm>/<dd>/`).
        public var archive: String
        /// Local copies of files being processed.
        public var staging: String
        /// SQLite database file, or a `postgres://user@host:port/database` URL (without its password) for a
        /// PostgreSQL database several gateways share.
        public var database: String
        /// The PostgreSQL password (`database_password_env` or `database_password_file`).
        public var databasePassword: Secret?

        /// The database URL when the store is PostgreSQL; `nil` for an SQLite file.
        public var postgresURL: String? {
            let lowered = database.lowercased()
            return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") ? database : nil
        }
        /// Mapping definitions.
        public var mappings: String
        /// The console's users file (`paths.users`; `nil`: `dropgate.users` beside the database).
        public var users: String?

        /// The console's users file: `users` when configured, else `dropgate.users` beside the database (beside
        /// the configuration file when the database is PostgreSQL).
        public var usersFile: String {
            if let users { return users }
            let folder = database.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            return folder.isEmpty ? "dropgate.users" : folder.joined(separator: "/") + "/dropgate.users"
        }
    }

    /// Where things live.
    public var paths: Paths
    /// Seconds between polls of the sources in `dropgate run`.
    public var pollInterval: Double
    /// Seconds between the daemon's progress lines for each long job (`progress_interval`).
    public var progressInterval: Double = 10
    /// Backoff for transient failures.
    public var retry: RetryPolicy
    /// Records longer than this are reported and skipped, keeping memory bounded.
    public var maxRecordBytes: Int
    /// The school year i-Ready and other school-year data count as current (default: the one today is in).
    public var currentSchoolYear: SchoolYear?
    /// The sources polled.
    public var sources: [SourceConfig]
    /// Outbox files pushed to destinations.
    public var deliveries: [DeliveryConfig] = []
    /// The operator console's listener (`http:`).
    public var http = HTTPConfig()
    /// Alert channels and routes (`alerts:`).
    public var alerts = AlertsConfig()
    /// The daily database backup (`backup:`); `nil`: none, only `dropgate backup` by hand.
    public var backup: BackupConfig?
    /// Whether and with which keys archived files are encrypted (`archive:`).
    public var archive = ArchiveConfig()
    /// What is purged after how many days (`retention:`); empty: nothing is ever purged.
    public var retention = RetentionConfig()
    /// Days after which `claims aging` lists a sent claim with no acknowledgment.
    public var acknowledgmentDays = 2
    /// Days after which `claims aging` lists an accepted claim with no payment.
    public var paymentDays = 30
    /// The configuration file.
    public var file: String

    /// A configuration rooted at `root` with default paths and no sources.
    public init(root: String, file: String = "dropgate.yaml", sources: [SourceConfig] = []) {
        func under(_ name: String) -> String { root == "." ? name : root + "/" + name }
        paths = Paths(
            inbox: under("Inbox"), outbox: under("Outbox"), archive: under("Archive"), staging: under("Staging"),
            database: under("dropgate.sqlite"), mappings: under("Mappings"))
        pollInterval = 5
        retry = RetryPolicy()
        maxRecordBytes = 1 << 20
        self.sources = sources
        self.file = file
    }

    /// The source with an id.
    public func source(_ id: String) -> SourceConfig? {
        sources.first { $0.id == id }
    }
}

/// One place files are taken from: a district's or payer's drop folder.
public struct SourceConfig: Sendable, Equatable {
    /// Source id: the district (or payer) the files belong to; rows are stored under it.
    public var id: String
    /// The local drop folder.
    public var path: String
    /// Seconds a file must stay unchanged before it is taken.
    public var stableAfter: Double
    /// Mapping kinds accepted from this source (`nil`: all).
    public var kinds: [String]?
    /// For an SFTP source: the server and how to take its files; `nil` for a local drop folder.
    public var remote: RemoteSourceConfig?
    /// For a payer's inbox: the payer profile whose 835, 999 and TA1 files arrive here.
    public var payer: String?
    /// Files due by a deadline (`expect:`); a kind missing after its deadline opens a `file-missing` alert.
    public var expect: [ExpectedArrival] = []
    /// Dates no file is expected (`holidays:`), whatever ``expect`` says.
    public var holidays: Set<Day> = []
    /// A processed file scoring below this (`quality: { threshold: 90 }`) opens a `quality-low` alert.
    public var qualityThreshold: Int?

    /// Creates a source: a local drop folder at `path`, or an SFTP server when `remote` is given.
    public init(
        id: String, path: String, stableAfter: Double = 2, kinds: [String]? = nil, remote: RemoteSourceConfig? = nil
    ) {
        self.id = id
        self.path = path
        self.stableAfter = stableAfter
        self.kinds = kinds
        self.remote = remote
    }
}
