import GRDB

extension SQLDatabase {
    /// The rows of a read-only query, every column as text (NULL as `NULL`).
    func textRows(sql: String, arguments: SQLArguments = []) throws -> [[String]] {
        try read { db in
            try db.fetchAll(sql: sql, arguments: arguments).map { row in
                row.values.map { value in
                    if case .string(let text) = value.storage { return text }
                    return value.description
                }
            }
        }
    }
}
