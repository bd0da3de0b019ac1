import InMemoryLogging
import Logging

/// A logger that records entries in memory, for tests that check warnings.
struct TestLogger {
    let handler = InMemoryLogHandler()

    var logger: Logger {
        let handler = handler
        return Logger(label: "dropgate.sftp.test") { _ in handler }
    }
}
