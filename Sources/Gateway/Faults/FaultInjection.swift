import Foundation

/// Crash points for the crash-safety tests: the process aborts (as with `kill -9`: no cleanup, no flush) when
/// it reaches the armed point.
///
/// The gateway takes one value at start-up (``none`` unless told otherwise); only the executable arms a point,
/// from `DROPGATE_FAULT=<point>` in its environment, so the end-to-end tests can crash the real binary.
public struct FaultInjection: Sendable, Equatable {
    /// A named place in the gateway's work where the process can be made to abort.
    public enum Point: String, Sendable, CaseIterable {
        /// A claim batch is recorded (claims, control number) but its file is not written yet.
        case claimsAfterCommit = "claims-after-commit"
        /// A claim batch file is renamed into place but not yet marked written in the ledger.
        case claimsAfterWrite = "claims-after-write"
        /// A restore swapped the database in and registered one file received after the backup again, but has
        /// not finished bringing it up to date.
        case restoreMidway = "restore-midway"
    }

    /// The point that aborts the process, if any.
    public var armed: Point?

    /// Nothing armed: normal operation.
    public static let none = FaultInjection(armed: nil)

    /// Arms `armed` (or nothing).
    public init(armed: Point?) {
        self.armed = armed
    }

    /// Arms the point named by `DROPGATE_FAULT` in `environment`; an unset or unknown name arms nothing.
    public init(environment: [String: String]) {
        self.init(armed: environment["DROPGATE_FAULT"].flatMap(Point.init(rawValue:)))
    }

    /// Aborts the process when `point` is the armed one.
    func hit(_ point: Point) {
        if armed == point { abort() }
    }
}
