import Notify
import Store
import Transport
import Values

/// Turns errors into log text that never carries personal data (DESIGN §4.9): codes, not paths or values.
enum LogSafe {
    /// The error's kind and code: SQLite code and message, errno and operation, or the gateway error code.
    static func describe(_ error: any Error) -> String {
        if let summary = Ledger.logSummary(of: error) { return summary }
        if let error = error as? FileSystemError { return error.reason }
        if let error = error as? GatewayError { return "gateway \(error.code)" }
        // Endpoint (`scheme://host:port`) and libcurl's text only: never a path, body or secret.
        if let error = error as? NotifyError { return error.description }
        return String(describing: type(of: error))
    }
}
