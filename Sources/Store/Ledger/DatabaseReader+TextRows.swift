import GRDB

extension DatabaseReader {
    /// The rows of a read-only query, every column as text.
    func textRows(sql: String, arguments: StatementArguments = []) throws -> [[String]] {
        try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                row.databaseValues.map { value in
                    if case .string(let text) = value.storage { return text }
                    return value.description
                }
            }
        }
    }
}
