import Foundation
import Synchronization

/// When the daemon's pass loop last showed it was alive: at the start and end of each pass and after each
/// source's jobs, so `/readyz` can tell a loop that stalled from one that is busy.
public final class PassHeartbeat: Sendable {
    private let last = Mutex<Date?>(nil)

    /// A heartbeat that has not beaten yet.
    public init() {}

    /// Records that the loop is alive at `now`.
    public func beat(_ now: Date = Date()) { last.withLock { $0 = now } }

    /// The last beat, or `nil` before the first.
    public var lastBeat: Date? { last.withLock { $0 } }
}
