/// What to do when a record's key was already loaded by an earlier file.
public enum ExistingRecordPolicy: String, Sendable, CaseIterable {
    /// Update it if it changed (rosters, attendance, results): the newest file wins.
    case update
    /// Report it (`already-loaded`) and keep the first (service logs: a service is logged once).
    case reject
}
