import ServiceLifecycle
import Store

extension Gateway {
    /// Runs ``runPass(waitForSettling:shouldStop:)`` on a thread of its own and awaits it, so the pass's blocking
    /// work (libssh2, SQLite, settling pauses) never holds a thread of Swift concurrency's cooperative pool.
    ///
    /// Cancelling the calling task, or a graceful shutdown of the service group it runs in, stops the pass between
    /// files and jobs; a job in progress always finishes its transaction.
    ///
    /// - Parameter waitForSettling: see ``runReportedPass(waitForSettling:shouldStop:)``.
    /// - Returns: the jobs that reached a new state in this pass.
    public func pass(waitForSettling: Bool = false) async -> [JobRecord] {
        await reportedPass(waitForSettling: waitForSettling).finished
    }

    /// ``pass(waitForSettling:)``, also saying what the pass could not finish (see ``PassReport``).
    public func reportedPass(waitForSettling: Bool = false) async -> PassReport {
        let stop = StopSignal()
        return await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await DedicatedThread.run(name: "dropgate-pass") {
                    self.runReportedPass(waitForSettling: waitForSettling, shouldStop: { stop.isRaised })
                }
            } onCancel: {
                stop.raise()
            }
        } onGracefulShutdown: {
            stop.raise()
        }
    }
}
