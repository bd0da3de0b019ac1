import GRDB
import Mapping

/// The statements that upsert one mapping's rows into its domain table, in SQL both stores run.
///
/// Three statements share one parameter layout (`?1` district, `?2…` the fields, last the job id):
/// 1. `INSERT … ON CONFLICT DO NOTHING` — one change: a new key (the only statement a first load runs);
/// 2. `UPDATE … SET fields WHERE key AND job_id IS DISTINCT FROM job AND some field differs` — one change:
///    updated;
/// 3. `UPDATE … SET job_id WHERE key AND job_id IS DISTINCT FROM job` — one change: unchanged; none: this
///    job already wrote the key, so the file repeats it.
/// `job_id` records the job that last confirmed the row, `last_change` how (1 inserted, 2 updated, 3 unchanged).
/// Under `existing: reject`, a fourth (``owner``) finds the earlier job that loaded a key.
///
/// With a `modified` column (the record's own modification date), statements 2 and 3 add one comparison: 2 runs
/// only when the row is newer than the stored one, 3 only when it is not older. A row neither statement
/// changes is then either repeated in the file or older than the stored record; a last statement (``stale``),
/// run only then, tells which. A date missing on either side compares as not older.
struct UpsertStatements {
    let insert: String
    let update: String
    let touch: String
    let owner: String
    let stale: String?
    /// Parameters: the district, the fields, the job id.
    let parameterCount: Int32

    init(table: DomainTable, fields: [String], modified: String?) {
        let quoted = { (name: String) in name.quotedDatabaseIdentifier }
        let name = quoted(table.name)
        let columns = ["district"] + fields
        let jobParameter = "?\(columns.count + 1)"
        parameterCount = Int32(columns.count + 1)
        func parameter(_ column: String) -> String {
            "?\((columns.firstIndex(of: column) ?? 0) + 1)"
        }
        let keyMatch = table.key.map { "\(quoted($0)) = \(parameter($0))" }.joined(separator: " AND ")
        let valueColumns = fields.filter { !table.key.contains($0) }
        let differs =
            valueColumns.isEmpty
            ? "FALSE"
            : valueColumns.map { "\(quoted($0)) IS DISTINCT FROM \(parameter($0))" }.joined(separator: " OR ")
        let assignments = valueColumns.map { "\(quoted($0)) = \(parameter($0))" }
        // Newer wins: one comparison of the incoming modification date with the stored one.
        let newer = modified.map { "AND COALESCE(\(parameter($0)) > \(quoted($0)), TRUE)" } ?? ""
        let notOlder = modified.map { "AND NOT COALESCE(\(parameter($0)) < \(quoted($0)), FALSE)" } ?? ""
        insert = """
            INSERT INTO \(name) (\((columns + ["job_id", "last_change"]).map(quoted).joined(separator: ", ")))
            VALUES (\(columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ")), \(jobParameter), 1)
            ON CONFLICT DO NOTHING
            """
        update = """
            UPDATE \(name) SET \((assignments + ["job_id = \(jobParameter)", "last_change = 2"]).joined(separator: ", "))
            WHERE \(keyMatch) AND job_id IS DISTINCT FROM \(jobParameter) AND (\(differs)) \(newer)
            """
        touch = """
            UPDATE \(name) SET job_id = \(jobParameter), last_change = 3
            WHERE \(keyMatch) AND job_id IS DISTINCT FROM \(jobParameter) \(notOlder)
            """
        owner = "SELECT job_id FROM \(name) WHERE \(keyMatch) AND job_id IS DISTINCT FROM \(jobParameter)"
        stale = modified.map { column in
            """
            SELECT 1 FROM \(name)
            WHERE \(keyMatch) AND job_id IS DISTINCT FROM \(jobParameter) AND \(parameter(column)) < \(quoted(column))
            """
        }
    }
}
