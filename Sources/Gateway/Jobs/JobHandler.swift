import Mapping
import Store

/// Carries one recognised job through its transaction.
///
/// Two implementations: ``TabularHandler`` loads a CSV or XML file by its mapping; ``InterchangeHandler``
/// applies a payer's 835, 999 or TA1. ``JobRunner`` picks one, and ``JobTransaction`` does the rest of the
/// job (exception report, receipt, final state, log) the same way for both.
protocol JobHandler {
    /// The table the job's rows load into, or `nil` when it loads none.
    var target: LoadTarget? { get }

    /// Does the job's work inside its one transaction and says how it ended.
    ///
    /// - Throws: ``JobRejection`` when the file as a whole is unusable (everything done so far rolls back and
    ///   the job is rejected with those reasons); any other error fails the attempt.
    func handle(_ transaction: JobTransaction) throws -> JobEnding
}

/// The domain table a job loads and how.
struct LoadTarget {
    /// The table.
    var table: DomainTable
    /// The mapping fields stored, in the order values are upserted.
    var fields: [String]
    /// What a key loaded by an earlier job does.
    var existing: ExistingRecordPolicy
    /// The stored field carrying the record's own modification date (newer wins), if any.
    var modified: String? = nil
}
