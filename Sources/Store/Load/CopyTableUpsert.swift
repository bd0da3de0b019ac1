import GRDB
import Mapping
import PostgresClient
import Values

/// The upsert of one mapping's rows on PostgreSQL, a batch at a time: the batch is copied (`COPY`) into a
/// temporary table of the job's transaction and every row's outcome is worked out there in a few set
/// statements, with the rules ``RowUpsert/outcome`` applies row by row and in the same order (insert; under
/// `existing: reject`, the earlier owner; update; touch; stale; else a repeat). A round trip per row would
/// make a large load twenty times slower than on SQLite.
///
/// Within a batch only a key's first row goes through the set statements; a later row with the same key is
/// upserted on its own afterwards, so it sees what the first one did, as it would row by row.
final class CopyTableUpsert: RowUpsert {
    private let connection: PGConnection
    private let rowByRow: PreparedTableUpsert
    private let statements: Statements
    private let keyPositions: [Int]
    private let supersedes: Int64?
    private var staged = false

    init(
        connection: PGConnection, sql db: any SQLConnection, table: DomainTable, fields: [String],
        existing: ExistingRecordPolicy, modified: String?, supersedes: Int64?
    ) throws {
        self.connection = connection
        rowByRow = try PreparedTableUpsert(
            db: db, table: table, fields: fields, existing: existing, modified: modified, supersedes: supersedes)
        statements = Statements(table: table, fields: fields, modified: modified, existing: existing)
        keyPositions = table.key.compactMap { fields.firstIndex(of: $0) }
        self.supersedes = supersedes
    }

    func upsert(district: String, values: ArraySlice<FieldValue>, jobID: Int64) throws -> UpsertOutcome {
        try rowByRow.upsert(district: district, values: values, jobID: jobID)
    }

    func upsert(district: String, rows values: ArraySlice<FieldValue>, width: Int, jobID: Int64) throws
        -> [UpsertOutcome]
    {
        let count = width == 0 ? 0 : values.count / width
        guard count > 1 else {
            return try (0..<count).map { row in
                try upsert(district: district, values: Self.row(row, of: values, width: width), jobID: jobID)
            }
        }
        var firsts: [Int] = []
        var repeats: [Int] = []
        var keys = Set<[String]>()
        for row in 0..<count {
            let start = values.startIndex + row * width
            let key = keyPositions.map { values[start + $0].text }
            if keys.insert(key).inserted { firsts.append(row) } else { repeats.append(row) }
        }
        var outcomes = [UpsertOutcome](repeating: .inserted, count: count)
        try stage(district: district, rows: firsts, of: values, width: width)
        let job = PGParameter.text(String(jobID))
        let existing = try connection.execute(script: statements.existing).affectedRows ?? 0
        let inserted = try connection.execute(statements.insert, [job]).affectedRows ?? 0
        if inserted != firsts.count - existing {
            // Another gateway's load committed some of these keys in between.
            try connection.execute(statements.late, [job])
        }
        for step in statements.steps {
            try connection.execute(step, step.contains("$2") ? [job, supersedes.map { .text(String($0)) }] : [job])
        }
        let decided = try connection.execute(script: statements.outcomes)
        for index in 0..<decided.rowCount {
            guard let ordinal = decided.text(row: index, column: 0).flatMap(Int.init) else { continue }
            outcomes[ordinal] =
                switch decided.text(row: index, column: 1) {
                case Statements.updated: .updated
                case Statements.unchanged: .unchanged
                case Statements.stale: .stale
                case Statements.alreadyLoaded:
                    .alreadyLoaded(byJob: decided.text(row: index, column: 2).flatMap(Int64.init) ?? 0)
                default: .duplicateKey
                }
        }
        for row in repeats {
            outcomes[row] = try upsert(
                district: district, values: Self.row(row, of: values, width: width), jobID: jobID)
        }
        return outcomes
    }

    /// Copies the `rows` of the batch into the transaction's staging table, emptied first.
    private func stage(district: String, rows: [Int], of values: ArraySlice<FieldValue>, width: Int) throws {
        if staged {
            try connection.execute(statements.empty)
        } else {
            try connection.execute(script: statements.create)
            staged = true
        }
        try connection.copy(statements.copy) { writer in
            var fields = [String?](repeating: nil, count: width + 2)
            for row in rows {
                fields[0] = String(row)
                fields[1] = district
                let start = values.startIndex + row * width
                for column in 0..<width { fields[column + 2] = Self.text(values[start + column]) }
                try writer.appendRow(fields)
            }
        }
    }

    private static func row(_ row: Int, of values: ArraySlice<FieldValue>, width: Int) -> ArraySlice<FieldValue> {
        let start = values.startIndex + row * width
        return values[start..<start + width]
    }

    /// A value in PostgreSQL's text input format, as ``PreparedTableUpsert`` binds it.
    private static func text(_ value: FieldValue) -> String? {
        switch value {
        case .null: nil
        case .int(let int), .cents(let int): String(int)
        case .bool(let bool): bool ? "1" : "0"
        case .text(let text): text
        case .date, .decimal, .time: value.text
        }
    }

    /// The set statements over the staging table `dropgate_upsert` (`b`) and the domain table (`t`); `$1` is
    /// the job, `$2` the job a replay supersedes. A row's `outcome` is NULL while it is new (it is inserted),
    /// 0 once its key is found in the table, and a later statement's code once that statement decides it;
    /// a found row no statement decides repeats a key this job loaded.
    struct Statements {
        static let found = "0"
        static let updated = "2"
        static let unchanged = "3"
        static let stale = "4"
        static let alreadyLoaded = "6"

        let create: String
        let empty = "TRUNCATE dropgate_upsert"
        let copy: String
        /// Marks the rows whose key the table holds.
        let existing: String
        /// Inserts the others; its count is theirs unless another transaction inserted a key in between.
        let insert: String
        /// Marks the rows whose key another transaction inserted after ``existing``.
        let late: String
        /// The statements that decide the found rows, in ``RowUpsert/outcome``'s order.
        let steps: [String]
        let outcomes = """
            SET LOCAL enable_hashjoin TO DEFAULT; SET LOCAL enable_mergejoin TO DEFAULT;
            SELECT ordinal, outcome, owner FROM dropgate_upsert WHERE outcome IS NOT NULL
            """

        init(table: DomainTable, fields: [String], modified: String?, existing: ExistingRecordPolicy) {
            let quoted = { (name: String) in name.quotedDatabaseIdentifier }
            let name = quoted(table.name)
            let columns = (["district"] + fields).map(quoted)
            let keyMatch = table.key.map { "t.\(quoted($0)) = b.\(quoted($0))" }.joined(separator: " AND ")
            let valueColumns = fields.filter { !table.key.contains($0) }.map(quoted)
            let differs =
                valueColumns.isEmpty
                ? "FALSE" : valueColumns.map { "t.\($0) IS DISTINCT FROM b.\($0)" }.joined(separator: " OR ")
            let newer = modified.map { "AND COALESCE(b.\(quoted($0)) > t.\(quoted($0)), TRUE)" } ?? ""
            let notOlder = modified.map { "AND NOT COALESCE(b.\(quoted($0)) < t.\(quoted($0)), FALSE)" } ?? ""
            let undecided = "b.outcome = \(Self.found) AND \(keyMatch) AND t.job_id IS DISTINCT FROM $1::bigint"
            create = """
                CREATE TEMP TABLE dropgate_upsert ON COMMIT DROP AS
                    SELECT \(columns.joined(separator: ", ")) FROM \(name) WITH NO DATA;
                ALTER TABLE dropgate_upsert ADD COLUMN ordinal integer, ADD COLUMN outcome smallint,
                    ADD COLUMN owner bigint
                """
            copy = "COPY dropgate_upsert (ordinal, \(columns.joined(separator: ", "))) FROM STDIN"
            // The batch's statements look each row up by the table's key: the planner, its statistics stale
            // during a load, would rather scan the whole table for every batch.
            self.existing = """
                SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;
                UPDATE dropgate_upsert b SET outcome = \(Self.found) FROM \(name) t WHERE \(keyMatch)
                """
            insert = """
                INSERT INTO \(name) (\(columns.joined(separator: ", ")), job_id, last_change)
                SELECT \(columns.joined(separator: ", ")), $1::bigint, 1 FROM dropgate_upsert WHERE outcome IS NULL
                ON CONFLICT DO NOTHING
                """
            late = """
                UPDATE dropgate_upsert b SET outcome = \(Self.found) FROM \(name) t
                WHERE b.outcome IS NULL AND \(keyMatch) AND t.job_id IS DISTINCT FROM $1::bigint
                """
            var steps: [String] = []
            if existing == .reject {
                steps.append(
                    """
                    UPDATE dropgate_upsert b SET outcome = \(Self.alreadyLoaded), owner = t.job_id FROM \(name) t
                    WHERE \(undecided) AND t.job_id IS DISTINCT FROM $2::bigint
                    """)
            }
            let assignments = valueColumns.map { "\($0) = b.\($0)" }
            steps += [
                """
                WITH changed AS (
                    UPDATE \(name) t SET \((assignments + ["job_id = $1::bigint", "last_change = 2"]).joined(separator: ", "))
                    FROM dropgate_upsert b WHERE \(undecided) AND (\(differs)) \(newer) RETURNING b.ordinal)
                UPDATE dropgate_upsert SET outcome = \(Self.updated) FROM changed
                WHERE dropgate_upsert.ordinal = changed.ordinal
                """,
                """
                WITH touched AS (
                    UPDATE \(name) t SET job_id = $1::bigint, last_change = 3
                    FROM dropgate_upsert b WHERE \(undecided) \(notOlder) RETURNING b.ordinal)
                UPDATE dropgate_upsert SET outcome = \(Self.unchanged) FROM touched
                WHERE dropgate_upsert.ordinal = touched.ordinal
                """,
            ]
            if let modified {
                steps.append(
                    """
                    UPDATE dropgate_upsert b SET outcome = \(Self.stale) FROM \(name) t
                    WHERE \(undecided) AND b.\(quoted(modified)) < t.\(quoted(modified))
                    """)
            }
            self.steps = steps
        }
    }
}
