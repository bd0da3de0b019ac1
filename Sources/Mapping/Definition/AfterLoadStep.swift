/// A built-in step run after a file's rows are loaded, inside the job's transaction.
public enum AfterLoadStep: String, Sendable, CaseIterable {
    /// Match the loaded eligibility members to the district's students (CIN, else name and birth date)
    /// and record eligibility spans per student, with a reconciliation report.
    case reconcileMembers = "reconcile-members"
}
