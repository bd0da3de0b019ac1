import Store

/// What one pass over the sources did, and what it could not finish.
///
/// `run --once` prints one line per condition and exits with a status that tells them apart; the daemon
/// simply tries again on its next pass.
public struct PassReport: Sendable {
    /// Something a pass left undone, per source; never personal data (no file names).
    public enum Condition: Sendable, Equatable, CustomStringConvertible {
        /// The source's login or host key was refused, or its secret is missing: an operator must act.
        case needsOperator(source: String, reason: String)
        /// The source could not be polled (connection, server or disk trouble); it is retried with backoff.
        case unreachable(source: String, reason: String)
        /// Files of the source could not be staged; they stay where they are and are tried again next pass.
        case stagingFailed(source: String, files: Int, reason: String)
        /// Files of the source are still being written (not yet unchanged for `stable_after`).
        case settling(source: String, files: Int)

        /// One line for the operator.
        public var description: String {
            switch self {
            case .needsOperator(let source, let reason):
                "source \(source) needs an operator: \(reason); see `dropgate sources`"
            case .unreachable(let source, let reason):
                "source \(source) could not be polled: \(reason); it is retried with backoff"
            case .stagingFailed(let source, let files, let reason):
                "source \(source): \(Self.count(files)) could not be staged: \(reason); left in place, retried next pass"
            case .settling(let source, let files):
                "source \(source): \(Self.count(files)) still settling (changed within stable_after); run again later"
            }
        }

        private static func count(_ files: Int) -> String {
            files == 1 ? "1 file" : "\(files) files"
        }
    }

    /// The jobs that reached a new state in this pass.
    public var finished: [JobRecord] = []
    /// What the pass could not finish, in source order.
    public var conditions: [Condition] = []
}
