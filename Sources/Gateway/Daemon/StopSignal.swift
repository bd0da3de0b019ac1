import Synchronization

/// A flag raised once from any thread (task cancellation, graceful shutdown) and read by a pass on its own thread,
/// where `Task.isCancelled` and `Task.isShuttingDownGracefully` cannot see the awaiting task.
final class StopSignal: Sendable {
    private let raised = Atomic(false)

    /// Asks the pass to stop between files and jobs.
    func raise() {
        raised.store(true, ordering: .relaxed)
    }

    /// Whether ``raise()`` was called.
    var isRaised: Bool {
        raised.load(ordering: .relaxed)
    }
}
