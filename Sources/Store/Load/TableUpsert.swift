import GRDB
import GRDBSQLite
import Mapping
import Values

/// The hot-path upsert of one mapping's rows into its domain table, on prepared statements.
///
/// Three statements share one parameter layout (`?1` district, `?2…` the fields, last the job id):
/// 1. `INSERT … ON CONFLICT DO NOTHING` — one change: a new key (the only statement a first load runs);
/// 2. `UPDATE … SET fields WHERE key AND job_id IS NOT job AND some field differs` — one change: updated;
/// 3. `UPDATE … SET job_id WHERE key AND job_id IS NOT job` — one change: unchanged; none: this job already
///    wrote the key, so the file repeats it.
/// `job_id` records the job that last confirmed the row, `last_change` how (1 inserted, 2 updated, 3 unchanged).
///
/// With a `modified` column (the record's own modification date), statements 2 and 3 add one comparison: 2 runs
/// only when the row is newer than the stored one, 3 only when it is not older. A row neither statement
/// changes is then either repeated in the file or older than the stored record; a fourth statement, run only
/// then, tells which (`stale`). A date missing on either side compares as not older.
/// Texts are copied into one reusable buffer per row and bound without further copies.
final class TableUpsert {
    private let connection: OpaquePointer
    private let insert: OpaquePointer
    private let update: OpaquePointer
    private let touch: OpaquePointer
    private let owner: OpaquePointer
    private let stale: OpaquePointer?
    private let policy: ExistingRecordPolicy
    /// The job a replay supersedes: under `existing: reject`, a key it loaded is this job's own, not an earlier
    /// file's.
    private let supersedes: Int64?
    private let parameterCount: Int32
    private var arena: [UInt8] = []
    private var spans: [(offset: Int, count: Int)?] = []
    /// A staged row: the arena's bytes and where each parameter's text is in them.
    private typealias Staged = (bytes: UnsafeBufferPointer<UInt8>, spans: [(offset: Int, count: Int)?])

    init(
        db: Database, table: DomainTable, fields: [String], existing: ExistingRecordPolicy, modified: String?,
        supersedes: Int64? = nil
    ) throws {
        guard let connection = db.sqliteConnection else { throw StoreError(.sqlite, "database connection closed") }
        self.connection = connection
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
            ? "0" : valueColumns.map { "\(quoted($0)) IS NOT \(parameter($0))" }.joined(separator: " OR ")
        let assignments = valueColumns.map { "\(quoted($0)) = \(parameter($0))" }
        // Newer wins: one comparison of the incoming modification date with the stored one.
        let newer = modified.map { "AND COALESCE(\(parameter($0)) > \(quoted($0)), 1)" } ?? ""
        let notOlder = modified.map { "AND NOT COALESCE(\(parameter($0)) < \(quoted($0)), 0)" } ?? ""
        let insertSQL = """
            INSERT INTO \(name) (\((columns + ["job_id", "last_change"]).map(quoted).joined(separator: ", ")))
            VALUES (\(columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ")), \(jobParameter), 1)
            ON CONFLICT DO NOTHING
            """
        let updateSQL = """
            UPDATE \(name) SET \((assignments + ["job_id = \(jobParameter)", "last_change = 2"]).joined(separator: ", "))
            WHERE \(keyMatch) AND job_id IS NOT \(jobParameter) AND (\(differs)) \(newer)
            """
        let touchSQL = """
            UPDATE \(name) SET job_id = \(jobParameter), last_change = 3
            WHERE \(keyMatch) AND job_id IS NOT \(jobParameter) \(notOlder)
            """
        let ownerSQL = "SELECT job_id FROM \(name) WHERE \(keyMatch) AND job_id IS NOT \(jobParameter)"
        policy = existing
        self.supersedes = supersedes
        insert = try Self.prepare(insertSQL, on: connection, table: table.name)
        owner = try Self.prepare(ownerSQL, on: connection, table: table.name)
        update = try Self.prepare(updateSQL, on: connection, table: table.name)
        touch = try Self.prepare(touchSQL, on: connection, table: table.name)
        stale = try modified.map { column in
            let sql = """
                SELECT 1 FROM \(name)
                WHERE \(keyMatch) AND job_id IS NOT \(jobParameter) AND \(parameter(column)) < \(quoted(column))
                """
            return try Self.prepare(sql, on: connection, table: table.name)
        }
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_finalize(update)
        sqlite3_finalize(touch)
        sqlite3_finalize(owner)
        sqlite3_finalize(stale)
    }

    private static func prepare(_ sql: String, on connection: OpaquePointer, table: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw StoreError(
                .sqlite, "cannot prepare upsert into \(table): \(String(cString: sqlite3_errmsg(connection)))")
        }
        return statement
    }

    /// Upserts one row: `values` are the stored fields in the order given at init.
    func upsert(district: String, values: ArraySlice<FieldValue>, jobID: Int64) throws -> UpsertOutcome {
        stage(district: district, values: values)
        let spans = self.spans
        return try arena.withUnsafeBufferPointer { buffer in
            let bytes = (buffer, spans)
            if try run(insert, values: values, jobID: jobID, bytes: bytes) { return .inserted }
            if policy == .reject {
                let owner = try firstOwner(values: values, jobID: jobID, bytes: bytes)
                guard let owner else { return .duplicateKey }
                guard owner == supersedes else { return .alreadyLoaded(byJob: owner) }
            }
            if try run(update, values: values, jobID: jobID, bytes: bytes) { return .updated }
            if try run(touch, values: values, jobID: jobID, bytes: bytes) { return .unchanged }
            if let stale, try exists(stale, values: values, jobID: jobID, bytes: bytes) { return .stale }
            return .duplicateKey
        }
    }

    /// The earlier job that loaded this key, `nil` when only this job has.
    private func firstOwner(values: ArraySlice<FieldValue>, jobID: Int64, bytes: Staged) throws
        -> Int64?
    {
        defer { sqlite3_reset(owner) }
        bind(owner, values: values, jobID: jobID, bytes: bytes)
        switch sqlite3_step(owner) {
        case SQLITE_ROW: return sqlite3_column_int64(owner, 0)
        case SQLITE_DONE: return nil
        default: throw DatabaseError.last(on: connection, "upsert failed")
        }
    }

    /// Whether a query finds a row.
    private func exists(
        _ statement: OpaquePointer, values: ArraySlice<FieldValue>, jobID: Int64, bytes: Staged
    ) throws -> Bool {
        defer { sqlite3_reset(statement) }
        bind(statement, values: values, jobID: jobID, bytes: bytes)
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw DatabaseError.last(on: connection, "upsert failed")
        }
    }

    /// Copies the row's texts into the arena, remembering where each parameter's bytes are.
    ///
    /// The buffers are moved out of the object while they are filled, so each append is a plain local one
    /// (no exclusivity check per access), and moved back after.
    private func stage(district: String, values: ArraySlice<FieldValue>) {
        var arena = self.arena
        var spans = self.spans
        self.arena = []
        self.spans = []
        arena.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        func append(_ text: String) -> (offset: Int, count: Int) {
            let offset = arena.count
            arena.append(contentsOf: text.utf8)
            return (offset, arena.count - offset)
        }
        spans.append(append(district))
        for value in values {
            switch value {
            case .text(let text): spans.append(append(text))
            case .date, .decimal, .time: spans.append(append(value.text))
            case .null, .int, .cents, .bool: spans.append(nil)
            }
        }
        self.arena = arena
        self.spans = spans
    }

    /// Binds and steps one statement; `true` when it changed a row.
    private func run(
        _ statement: OpaquePointer, values: ArraySlice<FieldValue>, jobID: Int64, bytes: Staged
    ) throws -> Bool {
        defer { sqlite3_reset(statement) }
        bind(statement, values: values, jobID: jobID, bytes: bytes)
        guard sqlite3_step(statement) == SQLITE_DONE else {
            throw DatabaseError.last(on: connection, "upsert failed")
        }
        return sqlite3_changes(connection) > 0
    }

    private func bind(_ statement: OpaquePointer, values: ArraySlice<FieldValue>, jobID: Int64, bytes: Staged) {
        let (buffer, spans) = bytes
        // Parameters a statement does not use are ignored by SQLite's bind calls (SQLITE_RANGE is harmless).
        bindText(statement, 1, spans[0], buffer)
        var position: Int32 = 2
        for value in values {
            switch value {
            case .null: sqlite3_bind_null(statement, position)
            case .int(let int), .cents(let int): sqlite3_bind_int64(statement, position, int)
            case .bool(let bool): sqlite3_bind_int64(statement, position, bool ? 1 : 0)
            case .text, .date, .decimal, .time: bindText(statement, position, spans[Int(position) - 1], buffer)
            }
            position += 1
        }
        sqlite3_bind_int64(statement, parameterCount, jobID)
    }

    /// Binds arena bytes without copying: they stay put until the statement has run.
    private func bindText(
        _ statement: OpaquePointer, _ position: Int32, _ span: (offset: Int, count: Int)?,
        _ bytes: UnsafeBufferPointer<UInt8>
    ) {
        guard let span, let base = bytes.baseAddress else {
            // An empty arena has no address; a NULL pointer would bind SQL NULL, so bind an empty text.
            sqlite3_bind_text(statement, position, "", 0, nil)
            return
        }
        let start = UnsafeRawPointer(base + span.offset).assumingMemoryBound(to: CChar.self)
        sqlite3_bind_text(statement, position, start, Int32(span.count), nil)
    }
}
