import Values

/// A failure of the SQLite store.
public typealias StoreError = CodedError<StoreErrorCode>

/// What kind of ``StoreError``.
public enum StoreErrorCode: Sendable, Equatable {
    /// The job id does not exist.
    case jobNotFound
    /// A claim or batch does not exist.
    case notFound
    /// The requested state change is not allowed from the job's state.
    case invalidTransition
    /// A mapping targets a table the store does not have, or a field that is not a column.
    case unknownTarget
    /// Another process holds the job's lease, or took it over from this one.
    case leased
    /// Another process has the database open, so it cannot be replaced now.
    case inUse
    /// A file offered as a backup is not a whole DropGate database this build can use.
    case invalidBackup
    /// A restore swapped the database but did not finish bringing it up to date (`dropgate restore --resume`).
    case restoreIncomplete
    /// SQLite returned an error.
    case sqlite
    /// PostgreSQL returned something the store cannot use, or its schema is not one this build knows.
    case postgres
    /// The operation has no implementation on this store yet (it needs the SQLite store).
    case unsupported
}
