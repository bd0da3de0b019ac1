import Synchronization

/// The long work this process is doing now, oldest first: what a progress line, the daemon's progress log,
/// `/metrics` and the console show.
public final class WorkInFlight: Sendable {
    /// This process's register: every gateway opened in the process counts its work here, so a terminal's
    /// progress line sees the work of whichever gateway a command opened.
    public static let process = WorkInFlight()

    private let entries = Mutex<[ObjectIdentifier: WorkProgress]>([:])

    /// An empty register.
    public init() {}

    /// Runs `body` as work in flight, counting on the progress it is handed; the work leaves the register when
    /// `body` returns or throws.
    public func track<Result>(
        title: String, jobID: Int64? = nil, source: String, unit: String, totalBytes: Int64? = nil,
        _ body: (WorkProgress) throws -> Result
    ) rethrows -> Result {
        let progress = WorkProgress(title: title, jobID: jobID, source: source, unit: unit, totalBytes: totalBytes)
        let key = ObjectIdentifier(progress)
        entries.withLock { $0[key] = progress }
        defer { _ = entries.withLock { $0.removeValue(forKey: key) } }
        return try body(progress)
    }

    /// The work in flight, oldest first.
    public var current: [WorkProgress] {
        entries.withLock { Array($0.values) }.sorted { $0.started < $1.started }
    }
}
