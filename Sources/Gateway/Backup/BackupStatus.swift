import Synchronization

/// Whether this process's last daily backup failed, and why: what the `backup-failed` alert reads. A restarted
/// daemon tries the overdue backup on its first pass, so a lasting failure is known again at once.
final class BackupStatus: Sendable {
    private let failure = Mutex<String?>(nil)

    /// The reason the last attempt failed; `nil` when it succeeded or none was made.
    var lastFailure: String? { failure.withLock { $0 } }

    /// Records an attempt: `nil` for a backup taken, else the reason it failed.
    func record(failure reason: String?) { failure.withLock { $0 = reason } }
}
