import Foundation
import PostgresClient
import Transport

/// A lock held until ``unlock()`` (or until its process ends).
public protocol HeldLock: Sendable {
    /// Releases the lock.
    func unlock()
    /// Whether this process still holds it. A lock file is held until it is unlocked; an advisory lock goes
    /// with its connection, which the server or the network may drop: check before each step that must not
    /// run in two processes at once.
    var isHeld: Bool { get }
}

extension FileLock: HeldLock {
    public var isHeld: Bool { true }
}

/// What a ``Ledger/lock(_:wait:)`` keeps to one process at a time.
public enum LockScope: Sendable, Equatable {
    /// Taking a source's files: listing, staging, registering and sweeping them.
    case intake(source: String)
    /// The end of a pass: deliveries, the backup, alerts and purges.
    case housekeeping

    /// The lock file's name on SQLite (a source's keeps its historical name).
    var fileName: String {
        switch self {
        case .intake(let source): source + ".lock"
        case .housekeeping: ".housekeeping.lock"
        }
    }

    /// The advisory lock's name on PostgreSQL.
    var name: String {
        switch self {
        case .intake(let source): "intake:" + source
        case .housekeeping: "housekeeping"
        }
    }
}

extension Ledger {
    /// Takes a lock every process sharing the database honours (DESIGN §9), so one process at a time does what
    /// it guards.
    ///
    /// On SQLite it is a lock file (`.locks/` beside the database, which every process sharing the database
    /// reaches); on PostgreSQL an advisory lock on a connection of its own, which the server releases when its
    /// holder dies, so another gateway takes over.
    ///
    /// - Parameter wait: wait while another process holds it rather than give up.
    /// - Returns: the held lock, or `nil` when another process holds it and `wait` is false.
    public func lock(_ scope: LockScope, wait: Bool) throws -> (any HeldLock)? {
        if let postgres = database as? PostgresDatabase {
            return try postgres.advisoryLock(scope.name, wait: wait)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let lock = (directory.isEmpty ? "" : directory + "/") + ".locks/" + scope.fileName
        return wait ? try FileLock.locking(lock) : try FileLock.tryLocking(lock)
    }
}
