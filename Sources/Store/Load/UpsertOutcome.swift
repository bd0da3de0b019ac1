/// How one upserted row changed the table.
public enum UpsertOutcome: Sendable, Equatable {
    /// A new key.
    case inserted
    /// An existing key whose values changed.
    case updated
    /// An existing key with identical values, or with the same modification date (`modified`).
    case unchanged
    /// An existing key stored with a later modification date (`modified`): the row is not loaded.
    case stale
    /// The key was already written by this same job: the file repeats it.
    case duplicateKey
    /// The key was loaded by an earlier job and the mapping keeps first records (`existing: reject`).
    case alreadyLoaded(byJob: Int64)
}
