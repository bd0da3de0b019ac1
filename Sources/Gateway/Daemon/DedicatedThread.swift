import Foundation

/// Runs blocking work (SQLite, libssh2, settling pauses) on a thread of its own, awaited without holding a thread
/// of Swift concurrency's cooperative pool (STYLE §2).
///
/// One new thread per call: passes are seconds apart and console logins and requeues rare, so starting a thread
/// costs nothing that matters, and there is no queue to drain and no worker to stop at shutdown. The daemon awaits
/// each pass, so passes do not overlap; console requests may, each on a thread of its own.
public enum DedicatedThread {
    /// Runs `body` on a new thread named `name` and resumes the caller with its result.
    public static func run<Result: Sendable>(name: String, _ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = name
            thread.start()
        }
    }
}
