import Foundation

/// A process's claim on the jobs it works on (DESIGN §9): its owner id, and how long a lease lasts unless
/// renewed.
///
/// Any number of processes (the daemon, a second daemon, CLI commands) share one database: a job is
/// worked on only by the process whose lease on it is live. A lease ends when its job commits or fails,
/// or when it expires; a lease held by a process of this host that no longer runs (killed) is taken over
/// at once rather than after its expiry.
public struct JobLease: Sendable, Equatable {
    /// `host:pid:nonce`, unique per process.
    public let owner: String
    /// How long a lease lasts from its last renewal.
    public let duration: TimeInterval

    /// The lease of this process.
    ///
    /// - Parameter duration: how long a lease lasts from its last renewal (default five minutes).
    public static func current(duration: TimeInterval = 300) -> JobLease {
        JobLease(owner: processOwner, duration: duration)
    }

    /// A lease with an explicit owner id (tests).
    public init(owner: String, duration: TimeInterval) {
        self.owner = owner
        self.duration = duration
    }

    private static let processOwner =
        "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UInt32.random(in: 0...UInt32.max))"

    /// Whether an owner id names a process of this host that has ended, so its leases are void now.
    ///
    /// Owners of other hosts, and ids that do not parse, are presumed alive until their lease expires.
    public static func ownerHasEnded(_ owner: String) -> Bool {
        let parts = owner.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == ProcessInfo.processInfo.hostName, let pid = pid_t(parts[1]) else {
            return false
        }
        if pid == getpid() { return owner != processOwner }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
