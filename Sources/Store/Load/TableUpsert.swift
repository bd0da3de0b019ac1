import GRDB
import GRDBSQLite
import Mapping

/// How one upserted row changed the table.
public enum UpsertOutcome: Sendable, Equatable {
    /// A new key.
    case inserted
    /// An existing key whose values changed.
    case updated
    /// An existing key with identical values.
    case unchanged
    /// The key was already written by this same job: the file repeats it.
    case duplicateKey
}

/// The hot-path upsert of one mapping's rows into its domain table, on one prepared statement.
///
/// A single statement tells all four outcomes apart:
/// `INSERT … ON CONFLICT(key) DO UPDATE SET …, last_change = CASE WHEN <any column differs> THEN 2 ELSE 3 END
/// WHERE job_id IS NOT excluded.job_id RETURNING last_change` returns 1 for an insert, 2 for an update,
/// 3 for an identical row, and no row when this job already wrote the key (a duplicate within the file).
final class TableUpsert {
    private let connection: OpaquePointer
    private let statement: OpaquePointer
    private let fieldCount: Int

    init(db: Database, table: DomainTable, fields: [String]) throws {
        guard let connection = db.sqliteConnection else { throw StoreError(.sqlite, "database connection closed") }
        self.connection = connection
        fieldCount = fields.count
        let keyColumns = table.key
        let columns = ["district"] + fields + ["job_id", "last_change"]
        let placeholders = Array(repeating: "?", count: columns.count - 1) + ["1"]
        let valueColumns = fields.filter { !keyColumns.contains($0) }
        let quoted = { (name: String) in name.quotedDatabaseIdentifier }
        let changed = valueColumns.isEmpty
            ? "0"
            : valueColumns.map { "\(table.name.quotedDatabaseIdentifier).\(quoted($0)) IS NOT excluded.\(quoted($0))" }
                .joined(separator: " OR ")
        let assignments = (valueColumns + ["job_id"]).map { "\(quoted($0)) = excluded.\(quoted($0))" }
        let sql = """
            INSERT INTO \(quoted(table.name)) (\(columns.map(quoted).joined(separator: ", ")))
            VALUES (\(placeholders.joined(separator: ", ")))
            ON CONFLICT (\(keyColumns.map(quoted).joined(separator: ", "))) DO UPDATE SET
            \(assignments.joined(separator: ", ")), last_change = CASE WHEN \(changed) THEN 2 ELSE 3 END
            WHERE \(quoted(table.name)).job_id IS NOT excluded.job_id
            RETURNING last_change
            """
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw StoreError(.sqlite, "cannot prepare upsert into \(table.name): \(String(cString: sqlite3_errmsg(connection)))")
        }
        statement = prepared
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// Upserts one row: `values` are the stored fields in the order given at init.
    func upsert(district: String, values: ArraySlice<FieldValue>, jobID: Int64) throws -> UpsertOutcome {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        bindText(district, at: 1)
        var position: Int32 = 2
        for value in values {
            bind(value, at: position)
            position += 1
        }
        sqlite3_bind_int64(statement, position, jobID)
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW:
            let change = sqlite3_column_int(statement, 0)
            let outcome: UpsertOutcome = change == 1 ? .inserted : change == 2 ? .updated : .unchanged
            guard sqlite3_step(statement) == SQLITE_DONE else { throw lastError() }
            return outcome
        case SQLITE_DONE:
            return .duplicateKey
        default:
            throw lastError()
        }
    }

    private func lastError() -> StoreError {
        StoreError(.sqlite, "upsert failed: \(String(cString: sqlite3_errmsg(connection)))")
    }

    private func bind(_ value: FieldValue, at position: Int32) {
        switch value {
        case .null: sqlite3_bind_null(statement, position)
        case .text(let text): bindText(text, at: position)
        case .int(let int), .cents(let int): sqlite3_bind_int64(statement, position, int)
        case .bool(let bool): sqlite3_bind_int64(statement, position, bool ? 1 : 0)
        case .decimal, .date, .time: bindText(value.text, at: position)
        }
    }

    private func bindText(_ text: String, at position: Int32) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.count > 0 else {
                // A NULL pointer would bind SQL NULL; an empty text must stay empty text.
                _ = sqlite3_bind_text(statement, position, "", 0, nil)
                return
            }
            _ = sqlite3_bind_text(
                statement, position, UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self),
                Int32(bytes.count), sqliteTransient)
        }
    }
}

/// SQLite's "copy the bytes now" destructor, which Swift cannot spell as a constant.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
