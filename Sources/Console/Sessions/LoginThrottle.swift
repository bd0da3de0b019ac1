import Foundation
import Synchronization

/// Refuses logins for a user name or from an address after too many recent failures.
///
/// Failures are counted per user name and per client address over a sliding window; once either has
/// `maxFailures` in the window, logins for that name or from that address are refused (even with the right
/// password) until the oldest failure leaves the window. A successful login clears the user's count.
public final class LoginThrottle: Sendable {
    /// Failures allowed within ``window``.
    public let maxFailures: Int
    /// The window, in seconds.
    public let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    /// A throttle; by default 5 failures in 15 minutes.
    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// Whether a login for `user` from `address` may be tried now.
    public func allows(user: String, address: String, now: Date) -> Bool {
        failures.withLock { failures in
            [Self.userKey(user), Self.addressKey(address)].allSatisfy { key in
                let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
                failures[key] = recent.isEmpty ? nil : recent
                return recent.count < maxFailures
            }
        }
    }

    /// Counts a failed login.
    public func recordFailure(user: String, address: String, now: Date) {
        failures.withLock { failures in
            for key in [Self.userKey(user), Self.addressKey(address)] {
                failures[key, default: []].append(now)
            }
        }
    }

    /// Clears the user's failures after a successful login.
    public func recordSuccess(user: String) {
        _ = failures.withLock { $0.removeValue(forKey: Self.userKey(user)) }
    }

    private static func userKey(_ user: String) -> String { "user:" + user }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}
