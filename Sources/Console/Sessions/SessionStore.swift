import Foundation
import Synchronization

/// Sessions in the server's memory.
///
/// Memory rather than SQLite: a session lives only as long as the process serving it (a restart asks operators to
/// log in again, which is also what a deployment wants), nothing needs expiring rows cleaned from the database, and
/// no token ever touches the disk. Each process serving the console (`dropgate run` or `dropgate serve`) has its
/// own.
public final class SessionStore: Sendable {
    /// How long a session may sit unused.
    public let idleTimeout: TimeInterval
    /// How long a session lasts at most.
    public let lifetime: TimeInterval
    private let sessions = Mutex<[String: Session]>([:])

    /// A store; by default a session ends after 30 minutes unused or 12 hours in all.
    public init(idleTimeout: TimeInterval = 30 * 60, lifetime: TimeInterval = 12 * 3600) {
        self.idleTimeout = idleTimeout
        self.lifetime = lifetime
    }

    /// Starts a session for a user who just logged in.
    public func start(user: ConsoleUser, now: Date) -> Session {
        let session = Session(
            token: RandomToken.make(), userName: user.name, passwordHash: user.passwordHash,
            csrfToken: RandomToken.make(), createdAt: now, lastSeenAt: now)
        sessions.withLock { sessions in
            sessions = sessions.filter { isAlive($0.value, now: now) }
            sessions[session.token] = session
        }
        return session
    }

    /// The live session with `token`, marked as used now; `nil` when unknown or expired.
    public func session(token: String, now: Date) -> Session? {
        sessions.withLock { sessions in
            guard var session = sessions[token] else { return nil }
            guard isAlive(session, now: now) else {
                sessions[token] = nil
                return nil
            }
            session.lastSeenAt = now
            sessions[token] = session
            return session
        }
    }

    /// Ends a session.
    public func end(token: String) {
        _ = sessions.withLock { $0.removeValue(forKey: token) }
    }

    private func isAlive(_ session: Session, now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) < idleTimeout && now.timeIntervalSince(session.createdAt) < lifetime
    }
}
