import Foundation

/// Runs blocking work (SQLite, libssh2, settling pauses) on a thread of its own, awaited without holding a thread
/// of Swift concurrency's cooperative pool (STYLE §2).
///
/// One new thread per call: passes are seconds apart, so starting a thread costs nothing that matters, and there
/// is no queue to drain and no worker to stop at shutdown. The caller awaits each call, so calls do not overlap.
enum DedicatedThread {
    /// Runs `body` on a new thread named `name` and resumes the caller with its result.
    static func run<Result: Sendable>(name: String, _ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = name
            thread.start()
        }
    }
}
