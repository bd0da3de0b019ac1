import Mapping
import Values

/// Upserts one validated row into a job's domain table (``UpsertStatements``), per store.
protocol RowUpsert: AnyObject {
    /// Upserts one row: `values` are the stored fields in the order given at init.
    func upsert(district: String, values: ArraySlice<FieldValue>, jobID: Int64) throws -> UpsertOutcome
    /// Upserts a batch of rows, `width` values each, in order; returns each row's outcome.
    func upsert(district: String, rows: ArraySlice<FieldValue>, width: Int, jobID: Int64) throws -> [UpsertOutcome]
}

extension RowUpsert {
    /// One row at a time, where that is as fast as a batch (SQLite, in the process).
    func upsert(district: String, rows: ArraySlice<FieldValue>, width: Int, jobID: Int64) throws -> [UpsertOutcome] {
        guard width > 0 else { return [] }
        return try stride(from: rows.startIndex, to: rows.endIndex, by: width).map { start in
            try upsert(district: district, values: rows[start..<start + width], jobID: jobID)
        }
    }

    /// What a row did, running the ``UpsertStatements`` in their order until one tells; shared by both stores
    /// so the outcome rules are written once. `stale` answers `false` when the mapping has no `modified` field.
    static func outcome(
        policy: ExistingRecordPolicy, supersedes: Int64?, insert: () throws -> Bool, owner: () throws -> Int64?,
        update: () throws -> Bool, touch: () throws -> Bool, stale: () throws -> Bool
    ) throws -> UpsertOutcome {
        if try insert() { return .inserted }
        if policy == .reject {
            guard let owner = try owner() else { return .duplicateKey }
            guard owner == supersedes else { return .alreadyLoaded(byJob: owner) }
        }
        if try update() { return .updated }
        if try touch() { return .unchanged }
        if try stale() { return .stale }
        return .duplicateKey
    }
}
