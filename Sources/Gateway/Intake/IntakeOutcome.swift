/// What one collection from a source left behind: files still settling and files that could not be taken.
struct IntakeOutcome: Sendable {
    /// Files not yet complete.
    var settling = 0
    /// Files that could not be staged or registered, each by its error's log-safe description.
    var failures: [String] = []
}

/// Why a source could not be collected at all, as logs may show it.
struct IntakeFailure: Error {
    /// The error's log-safe description.
    var message: String
}
