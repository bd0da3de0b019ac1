/// The outcome of registering a staged file.
public enum StageOutcome: Sendable {
    /// A new job for new bytes.
    case created(JobRecord)
    /// The same bytes were loaded before: a `duplicate` job pointing at the original.
    case duplicate(JobRecord, of: JobRecord)
    /// This very drop was registered before a crash left its origin in place: nothing new.
    case alreadyRegistered(JobRecord)
}
