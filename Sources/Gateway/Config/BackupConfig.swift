/// The daemon's daily database backup (`backup:` in dropgate.yaml).
public struct BackupConfig: Sendable, Equatable {
    /// Where backups are written, one file per backup named after its time.
    public var folder: String
    /// How many backups to keep; older ones are removed after each new one.
    public var keep: Int

    /// A daily backup into `folder`, keeping the newest `keep` (default 7).
    public init(folder: String, keep: Int = 7) {
        self.folder = folder
        self.keep = keep
    }
}
