import Foundation

/// Named crash points for the crash-safety tests: with `DROPGATE_FAULT=<name>` in the environment the process
/// aborts (as with `kill -9`: no cleanup, no flush) when it reaches that point. Unset in normal operation.
enum FaultPoint: String {
    /// A claim batch is recorded (claims, control number) but its file is not written yet.
    case claimsAfterCommit = "claims-after-commit"
    /// A claim batch file is renamed into place but not yet marked written in the ledger.
    case claimsAfterWrite = "claims-after-write"

    private static let armed = ProcessInfo.processInfo.environment["DROPGATE_FAULT"]

    /// Aborts the process when this point is armed.
    func reached() {
        if Self.armed == rawValue { abort() }
    }
}
