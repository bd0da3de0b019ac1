import GRDB
import GRDBSQLite
import Mapping
import Values

/// The hot-path upsert of one mapping's rows into its domain table on SQLite: the ``UpsertStatements``
/// prepared on the connection's handle, texts copied into one reusable buffer per row and bound without
/// further copies.
final class TableUpsert: RowUpsert {
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
        let statements = UpsertStatements(table: table, fields: fields, modified: modified)
        parameterCount = statements.parameterCount
        policy = existing
        self.supersedes = supersedes
        insert = try Self.prepare(statements.insert, on: connection, table: table.name)
        owner = try Self.prepare(statements.owner, on: connection, table: table.name)
        update = try Self.prepare(statements.update, on: connection, table: table.name)
        touch = try Self.prepare(statements.touch, on: connection, table: table.name)
        stale = try statements.stale.map { try Self.prepare($0, on: connection, table: table.name) }
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

    func upsert(district: String, values: ArraySlice<FieldValue>, jobID: Int64) throws -> UpsertOutcome {
        stage(district: district, values: values)
        let spans = self.spans
        return try arena.withUnsafeBufferPointer { buffer in
            let bytes = (buffer, spans)
            return try Self.outcome(
                policy: policy, supersedes: supersedes,
                insert: { try run(insert, values: values, jobID: jobID, bytes: bytes) },
                owner: { try firstOwner(values: values, jobID: jobID, bytes: bytes) },
                update: { try run(update, values: values, jobID: jobID, bytes: bytes) },
                touch: { try run(touch, values: values, jobID: jobID, bytes: bytes) },
                stale: {
                    guard let stale else { return false }
                    return try exists(stale, values: values, jobID: jobID, bytes: bytes)
                })
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
