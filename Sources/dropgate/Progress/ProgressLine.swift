import Foundation
import Gateway
import Synchronization

/// A progress line on standard error that redraws in place while a command's long work runs (ingest, claims
/// build, bench): the newest work in flight with its counts, rate and time left. Only on a terminal: on a pipe,
/// in a file or with `--json` the command's output is left exactly as it is.
final class ProgressLine: Sendable {
    private let stopped = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    static let interval = 0.2

    /// Runs `body` with a progress line on a terminal's standard error, unless `quiet`.
    static func shown<Result>(unless quiet: Bool, _ body: () throws -> Result) rethrows -> Result {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return try body() }
        let line = ProgressLine()
        line.start()
        defer { line.stop() }
        return try body()
    }

    private func start() {
        let thread = Thread { [self] in
            var drawn = false
            while !stopped.withLock({ $0 }) {
                if let work = WorkInFlight.process.current.last {
                    Self.write("\r\u{1B}[K" + work.line(work.snapshot()))
                    drawn = true
                }
                _ = wake.wait(timeout: .now() + Self.interval)
            }
            if drawn { Self.write("\r\u{1B}[K") }
            finished.signal()
        }
        thread.name = "dropgate.progress"
        thread.start()
    }

    private func stop() {
        stopped.withLock { $0 = true }
        wake.signal()
        finished.wait()
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
