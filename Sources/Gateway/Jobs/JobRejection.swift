import Mapping

/// The file as a whole is unusable (unknown kind, malformed header or document, broken envelope): thrown by
/// recognition or by a handler inside the job's transaction, which then rolls back; the job is rejected with
/// these reasons on its exception report and receipt.
struct JobRejection: Error {
    /// The reasons, in report order; the first is the job's reason.
    var issues: [RowIssue]

    init(_ issues: [RowIssue]) {
        self.issues = issues
    }

    init(_ issue: RowIssue) {
        issues = [issue]
    }
}
