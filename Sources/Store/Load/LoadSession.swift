import GRDB
import Mapping
import Values

/// The one write transaction of a job (DESIGN §4.2): its domain rows, its exceptions and its final
/// state commit together or not at all.
///
/// Only valid inside ``JobRepository/load(jobID:district:target:fields:existing:modified:supersedes:lease:_:)``.
public final class LoadSession {
    /// The job being loaded.
    public let jobID: Int64
    /// The district (source id) rows belong to.
    public let district: String
    let db: any SQLConnection
    let table: DomainTable?
    /// The job this one replays, if it is a replay.
    public let supersedes: Int64?
    private let upsert: (any RowUpsert)?
    /// Values per row: the fields given to `load`.
    private let width: Int
    /// Prepared once: an 835 of 100,000 unmatched claims records as many exceptions.
    private let exceptionStatement: any PreparedStatement

    init(
        db: any SQLConnection, jobID: Int64, district: String, table: DomainTable?, fields: [String],
        existing: ExistingRecordPolicy, modified: String?, supersedes: Int64? = nil
    ) throws {
        self.db = db
        self.jobID = jobID
        self.district = district
        self.table = table
        self.supersedes = supersedes
        width = fields.count
        upsert = try table.map { table -> any RowUpsert in
            if let sqlite = db as? SQLiteConnection {
                return try TableUpsert(
                    db: sqlite.database, table: table, fields: fields, existing: existing, modified: modified,
                    supersedes: supersedes)
            }
            if let postgres = db as? PostgresConnection {
                return try CopyTableUpsert(
                    connection: postgres.connection, sql: db, table: table, fields: fields, existing: existing,
                    modified: modified, supersedes: supersedes)
            }
            return try PreparedTableUpsert(
                db: db, table: table, fields: fields, existing: existing, modified: modified, supersedes: supersedes)
        }
        exceptionStatement = try db.prepare(
            """
            INSERT INTO job_exceptions (job_id, row, column_name, field, rule_id, severity, message, value)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Upserts one validated row into the target table.
    ///
    /// - Parameter values: the stored fields' values, in the order given to `load`.
    public func upsert(_ values: ArraySlice<FieldValue>) throws -> UpsertOutcome {
        guard let upsert else { throw StoreError(.unknownTarget, "this job loads no rows") }
        return try upsert.upsert(district: district, values: values, jobID: jobID)
    }

    /// Upserts validated rows, as many values each as fields were given to `load`, in order; returns each
    /// row's outcome. Faster than a row at a time on PostgreSQL (one `COPY` and a few statements a batch).
    public func upsert(rows values: ArraySlice<FieldValue>) throws -> [UpsertOutcome] {
        guard let upsert else { throw StoreError(.unknownTarget, "this job loads no rows") }
        return try upsert.upsert(district: district, rows: values, width: width, jobID: jobID)
    }

    /// Numbers the district's rows of each group by the sequence's order (1, 2, 3 …), after a load.
    ///
    /// Runs over the whole district, so rows loaded by earlier files are renumbered when a new file adds
    /// rows between them (an older diagnostic arriving late).
    public func renumber(_ sequence: SequenceDefinition) throws {
        guard let table else { throw StoreError(.unknownTarget, "this job loads no rows") }
        let quoted = { (name: String) in name.quotedDatabaseIdentifier }
        let key = table.key.map(quoted)
        let partition = (["district"] + sequence.partition).map(quoted).joined(separator: ", ")
        let order = (sequence.order.map(quoted) + key).joined(separator: ", ")
        let target = quoted(sequence.field)
        let name = quoted(table.name)
        let join = key.map { "\(name).\($0) = ranked.\($0)" }.joined(separator: " AND ")
        try db.execute(
            sql: """
                UPDATE \(name) SET \(target) = ranked.number
                FROM (SELECT \(key.joined(separator: ", ")),
                             ROW_NUMBER() OVER (PARTITION BY \(partition) ORDER BY \(order)) AS number
                      FROM \(name) WHERE district = ?) AS ranked
                WHERE \(join) AND \(name).\(target) IS DISTINCT FROM ranked.number
                """,
            arguments: [district])
    }

    /// Records an exception (error or warning) for the job.
    public func record(_ issue: RowIssue) throws {
        let text = { (value: String?) in value.map(SQLValue.text) ?? .null }
        try exceptionStatement.execute(
            .int(jobID), .int(Int64(issue.line)), text(issue.column), text(issue.field), .text(issue.rule),
            .text(issue.severity.rawValue), .text(issue.message), text(issue.value))
    }

    /// Removes the exceptions an earlier committed attempt recorded (a requeued job starts afresh).
    func clearExceptions() throws {
        try db.execute(sql: "DELETE FROM job_exceptions WHERE job_id = ?", arguments: [jobID])
    }
}
